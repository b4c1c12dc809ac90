import { count, DashboardSection, DataTable, FigureLink, SectionEmpty } from "../parts";
import type { SectionProps } from "./types";

export function SlippageSection({ metrics: m, deals }: SectionProps) {
  return (
    <DashboardSection
      id="slippage"
      title="Close-date slippage"
      note="close dates pushed later during the period, per deal owner: how many pushes and how many days in all."
    >
      {m.slippage.length === 0 ? (
        <SectionEmpty title="No close date was pushed in this period" hint="Nothing slipped. Widen the period to look further back." />
      ) : (
        <DataTable
          caption="Close dates pushed later, per rep"
          head={["Rep", "Pushes", "Days slipped"]}
          rows={m.slippage.map((s) => [
            s.ownerName,
            <FigureLink key="p" href={deals({ figure: "slippage" }, s.ownerId)} label={`${s.pushes} pushes by ${s.ownerName}: see the deals`}>
              {count(s.pushes)}
            </FigureLink>,
            count(s.daysSlipped),
          ])}
        />
      )}
    </DashboardSection>
  );
}
