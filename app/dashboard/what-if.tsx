"use client";

// Sales velocity's what-if (docs/rules/dashboard.md): change each lever by a percentage and see the
// new velocity and how many times the current one it is, computed here with whatIfVelocity.
import { useId, useState } from "react";
import { DEFAULT_WHAT_IF, type VelocityLevers, type WhatIf, whatIfVelocity } from "@/src/domain/metrics/velocity";
import { inputBase } from "@/src/ui/field";

const LEVERS: { key: keyof WhatIf; label: string }[] = [
  { key: "deals", label: "Qualified deals" },
  { key: "dealSize", label: "Average won deal" },
  { key: "winRate", label: "Win rate" },
  { key: "cycle", label: "Sales cycle" },
];

const asPercent = (fraction: number) => Math.round(fraction * 100);

export function WhatIfVelocity({ levers, perDay, currency }: { levers: VelocityLevers; perDay: number | null; currency: string }) {
  const id = useId();
  const [changes, setChanges] = useState<Record<keyof WhatIf, string>>({
    deals: String(asPercent(DEFAULT_WHAT_IF.deals)),
    dealSize: String(asPercent(DEFAULT_WHAT_IF.dealSize)),
    winRate: String(asPercent(DEFAULT_WHAT_IF.winRate)),
    cycle: String(asPercent(DEFAULT_WHAT_IF.cycle)),
  });
  const fraction = (v: string) => {
    const n = Number(v);
    return Number.isFinite(n) ? Math.max(-90, Math.min(500, n)) / 100 : 0;
  };
  const w: WhatIf = {
    deals: fraction(changes.deals),
    dealSize: fraction(changes.dealSize),
    winRate: fraction(changes.winRate),
    cycle: fraction(changes.cycle),
  };
  const next = whatIfVelocity(levers, w);
  const money = (v: number) => new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 0 }).format(v);
  return (
    <fieldset className="rounded-lg border border-line p-4 print:hidden">
      <legend className="px-1 text-sm font-medium text-ink">What if</legend>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {LEVERS.map((l) => (
          <div key={l.key} className="space-y-1">
            <label htmlFor={`${id}-${l.key}`} className="block text-[13px] font-medium text-ink">
              {l.label} (% change)
            </label>
            <input
              id={`${id}-${l.key}`}
              type="number"
              inputMode="numeric"
              min={-90}
              max={500}
              step={1}
              value={changes[l.key]}
              onChange={(e) => setChanges((c) => ({ ...c, [l.key]: e.target.value }))}
              className={`${inputBase} h-9 border-line-strong`}
            />
          </div>
        ))}
      </div>
      <p className="mt-4 text-sm text-ink" aria-live="polite">
        {next === null || perDay === null || perDay === 0 ? (
          "The what-if needs a velocity to change: a win, a win rate and a sales cycle in this period."
        ) : (
          <>
            New velocity <strong className="tabular-nums">{money(next)} per day</strong>,{" "}
            <strong className="tabular-nums">{(next / perDay).toFixed(2)}×</strong> today's.
          </>
        )}
      </p>
    </fieldset>
  );
}
