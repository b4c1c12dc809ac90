import { ButtonLink } from "@/src/ui/button";
import { Chart } from "../charts/chart";
import { count, DashboardSection, DataTable, FigureLink, money, percent, SectionEmpty } from "../parts";
import type { SectionProps } from "./types";

const NAMES = { rock: "Rocks", stone: "Stones", pebble: "Pebbles" } as const;

export function SizeMixSection({ metrics: m, deals, targetsHref }: SectionProps) {
  const mix = m.sizeMix;
  const total = mix.classes.reduce((sum, c) => sum + c.count, 0);
  return (
    <DashboardSection
      id="size-mix"
      title="Rocks, stones and pebbles"
      note="open deals by size: from each team's rock threshold up, from its stone threshold up, and below (thresholds set by the team, or its 80th and 40th percentile deal size)."
      action={
        targetsHref ? (
          <ButtonLink variant="secondary" size="sm" href={`${targetsHref}#deal-sizes`}>
            Change the thresholds
          </ButtonLink>
        ) : undefined
      }
    >
      {total === 0 ? (
        <SectionEmpty title="No open deal in this scope" hint="Choose another team or rep, or another process." />
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <Chart
            summary="Bar chart of the open deals' count by size: rocks, stones and pebbles"
            data={mix.classes.map((c) => ({ name: NAMES[c.size], deals: c.count }))}
            category="name"
            series={[{ key: "deals", label: "Deals", format: "count" }]}
            currency={m.currency}
          />
          <div className="space-y-4">
            <DataTable
              caption="Open deals by size"
              head={["Size", "Deals", "Share", "Value"]}
              rows={mix.classes.map((c) => {
                const href = deals({ figure: "size", kind: c.size });
                const what = c.count === 1 ? c.size : NAMES[c.size].toLowerCase();
                return [
                  NAMES[c.size],
                  <FigureLink key="c" href={href} label={`${c.count} ${what}: see the deals`}>
                    {count(c.count)}
                  </FigureLink>,
                  percent(c.share),
                  <FigureLink key="v" href={href} label={`${money(c.value, m.currency)} in ${NAMES[c.size].toLowerCase()}: see the deals`}>
                    {money(c.value, m.currency)}
                  </FigureLink>,
                ];
              })}
            />
            <DataTable
              caption="Each team's thresholds"
              head={["Team", "Rock from", "Stone from", "Set by"]}
              rows={mix.thresholds.map((t) => [
                t.teamName ?? "No team",
                t.rockFrom === null ? "—" : money(t.rockFrom, m.currency),
                t.stoneFrom === null ? "—" : money(t.stoneFrom, m.currency),
                t.set ? "the team" : "percentiles",
              ])}
            />
          </div>
        </div>
      )}
    </DashboardSection>
  );
}
