import { ButtonLink } from "./button";
import { PlusIcon } from "./icons";

/** The way to the new deal form, wherever a page offers it. */
export function NewOpportunityLink() {
  return (
    <ButtonLink href="/opportunities/new">
      <PlusIcon className="size-4" />
      New opportunity
    </ButtonLink>
  );
}
