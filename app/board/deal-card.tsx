import Link from "next/link";
import type { ComponentProps, Ref } from "react";
import { fromCalendarDate } from "@/src/domain/dates";
import { cx } from "@/src/ui/cx";
import { formatDay, formatMoney, initials, pluralize } from "@/src/ui/format";
import { AlertIcon, GripIcon } from "@/src/ui/icons";
import type { ShownCard } from "./board-state";
import { CriteriaBadge, StatusBadges } from "./card-badges";

type Named = { accountName: string; name: string };

/** The deal's own name: many CRMs prefix it with the account ("Acme - Platform rollout"), which the card already shows. */
export function dealName({ accountName, name }: Named): string {
  const match = new RegExp(`^${accountName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*[-–—:]\\s*(.+)$`, "i").exec(name);
  return match?.[1] ?? name;
}

/** "Acme – Platform rollout": how a deal is named in announcements and messages. */
export const dealTitle = (card: Named) => `${card.accountName} – ${dealName(card)}`;

type Props = {
  card: ShownCard;
  /** Today as a calendar date (the server's), to tell what is overdue. */
  today: string;
  ref?: Ref<HTMLElement>;
  handleProps?: ComponentProps<"button"> & { ref?: Ref<HTMLButtonElement> };
  cardProps?: ComponentProps<"article">;
  /** The card left behind while its copy is dragged. */
  placeholder?: boolean;
  /** The copy under the pointer. */
  overlay?: boolean;
};

export function DealCard({ card, today, ref, handleProps, cardProps, placeholder, overlay }: Props) {
  const titleId = `deal-${card.id}-title`;
  const day = (d: string) => formatDay(fromCalendarDate(d));
  const isPastDue = card.closeDate < today;
  const isStepOverdue = card.stallReasons.includes("next_step_overdue");
  return (
    <article
      ref={ref}
      aria-labelledby={titleId}
      aria-busy={card.pending || undefined}
      {...cardProps}
      className={cx(
        "group relative rounded-lg border bg-surface p-3 text-left shadow-card transition-[border-color,box-shadow,opacity]",
        card.stalled ? "border-amber-300/80" : "border-line hover:border-line-strong",
        placeholder && "opacity-40",
        overlay && "rotate-[1.5deg] cursor-grabbing border-accent/40 shadow-xl ring-1 ring-accent/20",
        card.pending && "opacity-75",
      )}
    >
      <div className="flex items-start gap-1.5">
        <div className="min-w-0 flex-1">
          <p className="truncate text-xs font-medium text-ink-muted">{card.accountName}</p>
          <h3 id={titleId} className="mt-0.5 text-[13.5px] leading-snug font-semibold text-ink">
            <Link href={`/opportunities/${card.id}`} className="rounded-sm hover:text-accent hover:underline" aria-label={dealTitle(card)}>
              {dealName(card)}
            </Link>
          </h3>
        </div>
        {handleProps ? (
          <button
            type="button"
            {...handleProps}
            data-move-handle={card.id}
            aria-label={`Move ${dealTitle(card)}`}
            className="-mt-0.5 -mr-1 flex size-7 shrink-0 cursor-grab items-center justify-center rounded-md text-ink-subtle hover:bg-zinc-100 hover:text-ink active:cursor-grabbing disabled:cursor-not-allowed"
          >
            <GripIcon />
          </button>
        ) : null}
      </div>

      <div className="mt-2 flex flex-wrap items-baseline justify-between gap-x-2">
        <span className="text-[15px] font-semibold tracking-tight text-ink tabular-nums">
          {formatMoney(Math.round(card.amount * 100), card.currency)}
        </span>
        <span
          className={cx(
            "inline-flex items-center gap-1 text-xs whitespace-nowrap tabular-nums",
            isPastDue ? "font-medium text-red-700" : "text-ink-muted",
          )}
        >
          {isPastDue ? <AlertIcon className="size-3.5" /> : null}
          Closes {day(card.closeDate)}
          {isPastDue ? <span className="sr-only">, close date passed</span> : null}
          {card.closeDatePushes > 0 ? (
            <span
              className="font-medium text-amber-800"
              title={`Pushed ${pluralize(card.closeDatePushes, "time")}, ${pluralize(card.closeDateSlipDays, "day")} later than first planned`}
            >
              <span aria-hidden="true">· pushed {card.closeDatePushes}×</span>
              <span className="sr-only">
                , pushed {pluralize(card.closeDatePushes, "time")}, {pluralize(card.closeDateSlipDays, "day")} later than first planned
              </span>
            </span>
          ) : null}
        </span>
      </div>

      <p className="mt-2 line-clamp-2 text-[12.5px] leading-snug text-ink-muted">
        <span className="font-medium text-ink">Next: </span>
        {card.nextStep || <span className="italic">no next step</span>}
        {card.nextStepDue ? (
          <span className={cx("whitespace-nowrap", isStepOverdue && "font-medium text-red-700")}>
            {" "}
            · {isStepOverdue ? "overdue since" : "due"} {day(card.nextStepDue)}
          </span>
        ) : null}
      </p>

      <StatusBadges card={card} className="mt-2.5" />
      <div className="mt-2.5 flex items-center justify-between gap-2 border-t border-line pt-2.5">
        <span className="flex min-w-0 items-center gap-1.5 text-xs text-ink-muted">
          <span
            aria-hidden="true"
            className="flex size-5 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-[10px] font-semibold text-zinc-600"
          >
            {initials(card.ownerName)}
          </span>
          <span className="truncate">
            <span className="sr-only">Owner: </span>
            {card.ownerName}
          </span>
        </span>
        <CriteriaBadge card={card} />
      </div>
    </article>
  );
}
