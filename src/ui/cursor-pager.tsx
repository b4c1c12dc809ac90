// The foot of a list read newest first by cursor (docs/rules/api-conventions.md): back to the newest
// page, and on to older entries while there are some. Nothing shows while everything fits on the first page.
import { ButtonLink } from "./button";
import { ArrowRightIcon } from "./icons";

type Props = {
  /** What the list holds, plural: "entries", "messages". */
  noun: string;
  /** How many the first page shows ("The 25 newest messages"). */
  shown: number;
  /** The first page's address when a later one is shown, else null. */
  newestHref: string | null;
  /** The next page's address while there are older ones, else null. */
  olderHref: string | null;
};

export function CursorPager({ noun, shown, newestHref, olderHref }: Props) {
  if (!newestHref && !olderHref) return null;
  return (
    <nav aria-label={`Pages of ${noun}`} className="flex flex-wrap items-center justify-between gap-3 border-t border-line px-5 py-3 text-[13px]">
      {newestHref ? (
        <ButtonLink href={newestHref} variant="ghost" size="sm">
          Back to the newest
        </ButtonLink>
      ) : (
        <span className="text-ink-muted">
          The {shown} newest {noun}
        </span>
      )}
      {olderHref ? (
        <ButtonLink href={olderHref} variant="secondary" size="sm">
          Older {noun}
          <ArrowRightIcon className="size-3.5" />
        </ButtonLink>
      ) : (
        <span className="text-ink-muted">No older {noun}</span>
      )}
    </nav>
  );
}
