import type { AdminOverview } from "@/src/server/home/get-admin-overview";
import { Badge, type BadgeTone } from "@/src/ui/badge";
import { Card } from "@/src/ui/card";
import { formatDay, pluralize } from "@/src/ui/format";
import { LayersIcon, UsersIcon } from "@/src/ui/icons";
import { Stat } from "@/src/ui/stat";

const KIND: Record<string, { label: string; tone: BadgeTone }> = {
  open: { label: "Open", tone: "neutral" },
  won: { label: "Won", tone: "success" },
  lost: { label: "Lost", tone: "danger" },
};

export function AdminSection({ admin }: { admin: AdminOverview }) {
  const { process } = admin;
  return (
    <section aria-labelledby="admin-heading" className="space-y-6">
      <h2 id="admin-heading" className="text-base font-semibold text-ink">
        Workspace overview
      </h2>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat
          label="Users"
          value={admin.activeUserCount}
          detail={admin.inactiveUserCount ? `${admin.inactiveUserCount} deactivated` : "all active"}
          icon={<UsersIcon className="size-4" />}
          tone="accent"
        />
        <Stat
          label="Teams"
          value={admin.teamCount}
          detail={admin.teamsWithoutManagerCount ? `${admin.teamsWithoutManagerCount} without a manager` : "each with a manager"}
          icon={<UsersIcon className="size-4" />}
          tone={admin.teamsWithoutManagerCount ? "warning" : "neutral"}
        />
        <Stat label="Sales processes" value={admin.processCount} detail={`${process.name} is the default`} icon={<LayersIcon className="size-4" />} />
        <Stat label="Open deals" value={admin.openDealCount} detail="across every team" icon={<LayersIcon className="size-4" />} />
      </div>
      <Card
        title={
          <>
            Active process: {process.name} <span className="font-normal text-ink-muted">· version {process.version}</span>
          </>
        }
        description={`${pluralize(process.stages.length, "stage")}${
          process.publishedAt ? `, published ${formatDay(process.publishedAt, { withYear: true })}` : ""
        }. New opportunities follow this version.`}
        flush
      >
        <ol className="divide-y divide-line">
          {process.stages.map((s, i) => (
            <li key={s.key} className="flex items-center gap-4 px-5 py-3">
              <span className="w-6 text-right text-[13px] text-ink-muted tabular-nums">{i + 1}</span>
              <span className="flex-1 text-sm font-medium text-ink">{s.name}</span>
              <span className="hidden text-[13px] text-ink-muted sm:inline">
                {s.criteriaCount ? pluralize(s.criteriaCount, "exit criterion", "exit criteria") : "No exit criteria"}
              </span>
              <span className="w-12 text-right text-[13px] text-ink tabular-nums">{s.probability}%</span>
              <Badge tone={KIND[s.kind]?.tone ?? "neutral"} className="w-12 justify-center">
                {KIND[s.kind]?.label ?? s.kind}
              </Badge>
            </li>
          ))}
        </ol>
      </Card>
    </section>
  );
}
