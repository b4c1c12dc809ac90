import { ButtonLink } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { EmptyState } from "@/src/ui/empty-state";
import { LayersIcon, SearchIcon } from "@/src/ui/icons";
import { NewOpportunityLink } from "@/src/ui/new-opportunity-link";

/** Nothing to show at all: the first deal starts the board. */
export function NoDeals({ canCreate, canImport }: { canCreate: boolean; canImport: boolean }) {
  return (
    <Card>
      <EmptyState
        headingLevel={2}
        icon={<LayersIcon />}
        title="No open deals yet"
        description={
          canCreate
            ? `Create your first opportunity: it starts in the first stage, and you move it across the board as its exit criteria are met.${
                canImport ? " Or bring your deals in from your CRM's CSV export." : ""
              }`
            : "When deals are created, they appear here, one column per stage of the sales process."
        }
        action={
          canCreate ? (
            <div className="flex flex-wrap justify-center gap-2">
              <NewOpportunityLink />
              {canImport ? (
                <ButtonLink href="/imports" variant="secondary">
                  Import CSV
                </ButtonLink>
              ) : null}
            </div>
          ) : null
        }
      />
    </Card>
  );
}

/** Deals exist, but none matches the filters. */
export function NoMatches({ clearHref }: { clearHref: string }) {
  return (
    <Card>
      <EmptyState
        headingLevel={2}
        icon={<SearchIcon className="size-5" />}
        title="No deals match these filters"
        description="Try a wider close period or amount range, another owner, or fewer words in the search."
        action={
          <ButtonLink href={clearHref} variant="secondary">
            Clear filters
          </ButtonLink>
        }
      />
    </Card>
  );
}
