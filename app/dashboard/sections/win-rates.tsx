import { count, DashboardSection, FigureLink, money, percent, SectionEmpty } from "../parts";
import type { SectionProps } from "./types";

export function WinRatesSection({ metrics: m, deals }: SectionProps) {
  const c = m.winRateCounts;
  const won = (
    <FigureLink href={deals({ figure: "won" })} label={`${c.won} won: see the deals`}>
      {count(c.won)} won
    </FigureLink>
  );
  const lost = (
    <FigureLink href={deals({ figure: "lost" })} label={`${c.lost} lost: see the deals`}>
      {count(c.lost)} lost
    </FigureLink>
  );
  const open = (
    <FigureLink href={deals({ figure: "open_due" })} label={`${c.openDue} open and due: see the deals`}>
      {count(c.openDue)} open and due
    </FigureLink>
  );
  const tiles = [
    {
      label: "Win rate by count",
      value: percent(m.unitWinRate),
      detail: (
        <>
          {won} of {count(c.won + c.lost)} closed ({lost})
        </>
      ),
    },
    {
      label: "Win rate by value",
      value: percent(m.valueWinRate),
      detail: (
        <>
          {money(c.wonValue, m.currency)} of {money(c.wonValue + c.lostValue, m.currency)}
        </>
      ),
    },
    { label: "By count, with open deals due", value: percent(m.unitWinRateWithOpen), detail: <>counting {open} as not won</> },
    {
      label: "By value, with open deals due",
      value: percent(m.valueWinRateWithOpen),
      detail: <>{money(c.openDueValue, m.currency)} open and due counted as not won</>,
    },
  ];
  return (
    <DashboardSection
      id="win-rates"
      title="Win rates"
      note="won ÷ (won + lost) of the deals closed in the period, by count and by value; then counting as not won the open deals whose close date falls in the period. Disqualified deals never count."
    >
      {c.won + c.lost + c.openDue === 0 ? (
        <SectionEmpty
          title="No deal closed or due in this period"
          hint="Widen the period (this year, or a custom range) or choose another team or rep."
        />
      ) : (
        <dl className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
          {tiles.map((t) => (
            <div key={t.label} className="rounded-lg border border-line p-4">
              <dt className="text-[13px] font-medium text-ink-muted">{t.label}</dt>
              <dd className="mt-1 text-2xl font-semibold tracking-tight text-ink tabular-nums">{t.value}</dd>
              <dd className="mt-1 text-[13px] text-ink-muted">{t.detail}</dd>
            </div>
          ))}
        </dl>
      )}
    </DashboardSection>
  );
}
