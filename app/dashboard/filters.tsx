// The dashboard's filters: a GET form, so they live in the URL, a view can be shared, and the form
// works without JavaScript. Changing the team clears the rep (a rep of another team is refused).
import type { DashboardOptions } from "@/src/server/metrics/dashboard-options";
import { Button } from "@/src/ui/button";
import { Input } from "@/src/ui/field";
import { Select } from "@/src/ui/select";
import { type DashboardFilters, PERIOD_LABELS, type PeriodChoice } from "./dashboard-query";

export function DashboardFilterForm({
  filters,
  options,
  period,
  problem,
  action = "/dashboard",
  extra,
}: {
  filters: DashboardFilters;
  options: DashboardOptions;
  period: { from: string; to: string };
  problem: string | null;
  action?: string;
  /** Hidden fields kept on the way (the deals list's figure). */
  extra?: Record<string, string>;
}) {
  const label = "mb-1 block text-[13px] font-medium text-ink";
  return (
    <form
      method="get"
      action={action}
      aria-label="Dashboard filters"
      className="mb-6 rounded-card border border-line bg-surface p-4 shadow-card print:hidden"
    >
      {Object.entries(extra ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,1fr))_auto]">
        <div>
          <label htmlFor="f-period" className={label}>
            Period
          </label>
          <Select id="f-period" name="period" defaultValue={filters.period}>
            {(Object.keys(PERIOD_LABELS) as PeriodChoice[]).map((p) => (
              <option key={p} value={p}>
                {PERIOD_LABELS[p]}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="f-team" className={label}>
            Team
          </label>
          <Select id="f-team" name="teamId" defaultValue={filters.teamId ?? ""}>
            <option value="">{options.teams.length > 1 ? "All my teams" : "My team"}</option>
            {options.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="f-rep" className={label}>
            Rep
          </label>
          <Select id="f-rep" name="ownerId" defaultValue={filters.ownerId ?? ""} aria-describedby={options.people.length ? undefined : "f-rep-help"}>
            <option value="">Everyone</option>
            {options.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.active ? "" : " (inactive)"}
              </option>
            ))}
          </Select>
          {options.people.length === 0 ? (
            <p id="f-rep-help" className="mt-1 text-[12px] text-ink-muted">
              Choose a team to pick one of its reps.
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="f-process" className={label}>
            Process
          </label>
          <Select id="f-process" name="processKey" defaultValue={filters.processKey ?? ""}>
            <option value="">Default process</option>
            {options.processes.map((p) => (
              <option key={p.key} value={p.key}>
                {p.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex items-end">
          <Button type="submit" className="w-full">
            Apply
          </Button>
        </div>
      </div>
      <fieldset className="mt-3 flex flex-wrap items-end gap-3">
        <legend className="mb-1 text-[13px] text-ink-muted">Custom range (with the period “Custom range”), both days included</legend>
        <div>
          <label htmlFor="f-from" className={label}>
            First day
          </label>
          <Input id="f-from" type="date" name="from" defaultValue={filters.from ?? period.from} className="h-9" />
        </div>
        <div>
          <label htmlFor="f-to" className={label}>
            Last day
          </label>
          <Input id="f-to" type="date" name="to" defaultValue={filters.to ?? period.to} className="h-9" />
        </div>
      </fieldset>
      {problem ? (
        <p role="alert" className="mt-3 text-[13px] text-red-700">
          {problem} Showing this quarter instead.
        </p>
      ) : null}
    </form>
  );
}
