"use client";

// A team's bookings targets: the ones set (each can be changed or removed), whether this quarter has
// one, and the form that sets the target of a period and currency (a preset period or custom dates).
// Saving a period and currency that already has a target changes it.
import { useId, useRef, useState } from "react";
import { FormOutcome, useActionForm } from "@/app/_kit/action-form";
import { numberOrNull } from "@/app/opportunities/_lib/problems";
import type { Period } from "@/src/domain/metrics/period";
import type { TeamTargetView } from "@/src/server/metrics/team-settings";
import { Button } from "@/src/ui/button";
import { Field, Input } from "@/src/ui/field";
import { formatMoney } from "@/src/ui/format";
import { Select } from "@/src/ui/select";
import { removeTargetAction, setTargetAction } from "./actions";
import { presetOf, TARGET_PERIOD_LABELS, TARGET_PRESETS, type TargetPeriodChoice, type TargetPreset } from "./periods";

const COMMON_CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "SEK", "NOK", "DKK"];

const money = (amount: number, currency: string) => formatMoney(Math.round(amount * 100), currency);
const range = (p: Period) => `${p.from} to ${p.to}`;

/** The server's words about a period, for people. */
const periodWords = (message: string | undefined) =>
  message === "Must be on or after from" ? "The last day must be on or after the first day." : message;

type Start = Period & { choice: TargetPeriodChoice; currency: string };

export function TargetsEditor({
  teamId,
  teamName,
  targets,
  presets,
  start,
}: {
  teamId: string;
  teamName: string;
  targets: TeamTargetView[];
  presets: Record<TargetPreset, Period>;
  start: Start;
}) {
  const uid = useId();
  const amountRef = useRef<HTMLInputElement>(null);
  const [choice, setChoice] = useState<TargetPeriodChoice>(start.choice);
  const [custom, setCustom] = useState<Period>({ from: start.from, to: start.to });
  const [currency, setCurrency] = useState(start.currency);
  const [amount, setAmount] = useState("");
  const form = useActionForm(["from", "to", "currency", "amount"]);
  const removal = useActionForm([]);

  const period = choice === "custom" ? custom : presets[choice];
  const code = currency.trim().toUpperCase();
  const existing = targets.find((t) => t.from === period.from && t.to === period.to && t.currency === code);
  const quarterSet = targets.some((t) => t.from === presets.this_quarter.from && t.to === presets.this_quarter.to);
  const label = (p: Period) => {
    const preset = presetOf(p, presets);
    return preset === "custom" ? range(p) : `${TARGET_PERIOD_LABELS[preset]} (${range(p)})`;
  };

  const edit = (change: () => void) => {
    form.edited();
    change();
  };
  const change = (t: TeamTargetView) => {
    form.edited();
    const p = { from: t.from, to: t.to };
    setChoice(presetOf(p, presets));
    setCustom(p);
    setCurrency(t.currency);
    setAmount(String(t.amount));
    amountRef.current?.focus();
  };
  const submit = form.onSubmit(
    () => setTargetAction({ teamId, ...period, currency: code, amount: numberOrNull(amount) }),
    (saved) => {
      const t = saved.targets.find((x) => x.from === period.from && x.to === period.to && x.currency === code);
      return t ? `Saved: ${money(t.amount, t.currency)} for ${label(period)}. The dashboard measures this period against it.` : "Saved.";
    },
  );

  const ids = { period: `${uid}-period`, from: `${uid}-from`, to: `${uid}-to`, currency: `${uid}-currency`, amount: `${uid}-amount` };
  const problem = (field: string) => form.problem(field);
  const fromProblem = periodWords(problem("from"));
  const toProblem = periodWords(problem("to"));

  return (
    <div className="space-y-6">
      {quarterSet ? null : (
        <div role="note" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <p className="font-medium">No target set for this quarter yet ({range(presets.this_quarter)}).</p>
          <p className="mt-0.5">Set one below: the dashboard then shows, stage by stage, the pipeline {teamName} needs to make what is left of it.</p>
        </div>
      )}

      {targets.length === 0 ? (
        <p className="text-sm text-ink-muted">No target set for {teamName} yet, for any period.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">Targets set for {teamName}</caption>
            <thead className="border-b border-line text-[13px] text-ink-muted">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Period
                </th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">
                  Target
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Last changed
                </th>
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {targets.map((t) => {
                const name = `${label(t)}, ${t.currency}`;
                return (
                  <tr key={`${t.from}-${t.to}-${t.currency}`} className="border-b border-line last:border-0">
                    <th scope="row" className="py-2 pr-4 font-normal text-ink">
                      {label(t)}
                    </th>
                    <td className="py-2 pr-4 text-right tabular-nums text-ink">{money(t.amount, t.currency)}</td>
                    <td className="py-2 pr-4 text-ink-muted">{t.updatedAt.slice(0, 10)}</td>
                    <td className="py-2">
                      <div className="flex justify-end gap-2">
                        <Button size="sm" variant="secondary" onClick={() => change(t)} aria-label={`Change the target for ${name}`}>
                          Change
                        </Button>
                        <form
                          onSubmit={removal.onSubmit(
                            () => removeTargetAction({ teamId, from: t.from, to: t.to, currency: t.currency }),
                            () => `Removed the target for ${name}.`,
                          )}
                        >
                          <Button type="submit" size="sm" variant="danger" disabled={removal.pending} aria-label={`Remove the target for ${name}`}>
                            Remove
                          </Button>
                        </form>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="mt-2">
            <FormOutcome general={removal.general} notice={removal.notice} />
          </div>
        </div>
      )}

      <form onSubmit={submit} noValidate aria-label="Set a target" className="space-y-4 border-t border-line pt-5">
        <h3 className="text-sm font-semibold text-ink">Set or change a target</h3>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1.5fr)]">
          <Field id={ids.period} label="Period">
            <Select id={ids.period} value={choice} onChange={(e) => edit(() => setChoice(e.target.value as TargetPeriodChoice))}>
              {TARGET_PRESETS.map((p) => (
                <option key={p} value={p}>
                  {TARGET_PERIOD_LABELS[p]} ({range(presets[p])})
                </option>
              ))}
              <option value="custom">{TARGET_PERIOD_LABELS.custom}</option>
            </Select>
          </Field>
          <Field id={ids.currency} label="Currency" error={problem("currency")} hint="An ISO code, such as USD or EUR">
            <Input
              id={ids.currency}
              value={currency}
              onChange={(e) => edit(() => setCurrency(e.target.value))}
              invalid={!!problem("currency")}
              aria-describedby={`${ids.currency}-help`}
              list={`${ids.currency}-list`}
              maxLength={3}
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
            />
            <datalist id={`${ids.currency}-list`}>
              {[...new Set([start.currency, ...targets.map((t) => t.currency), ...COMMON_CURRENCIES])].map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </Field>
          <Field
            id={ids.amount}
            label="Target amount"
            error={problem("amount")}
            hint={existing ? `Now ${money(existing.amount, existing.currency)}: saving replaces it.` : "No target for this period and currency yet."}
          >
            <Input
              id={ids.amount}
              ref={amountRef}
              inputMode="decimal"
              value={amount}
              onChange={(e) => edit(() => setAmount(e.target.value))}
              invalid={!!problem("amount")}
              aria-describedby={`${ids.amount}-help`}
              placeholder={existing ? String(existing.amount) : "e.g. 250000"}
              autoComplete="off"
            />
          </Field>
        </div>
        {choice === "custom" ? (
          <fieldset className="flex flex-wrap gap-4">
            <legend className="mb-1 text-[13px] text-ink-muted">Custom dates, both days included</legend>
            <Field id={ids.from} label="First day" error={fromProblem}>
              <Input
                id={ids.from}
                type="date"
                value={custom.from}
                onChange={(e) => edit(() => setCustom({ ...custom, from: e.target.value }))}
                invalid={!!fromProblem}
                aria-describedby={fromProblem ? `${ids.from}-help` : undefined}
              />
            </Field>
            <Field id={ids.to} label="Last day" error={toProblem}>
              <Input
                id={ids.to}
                type="date"
                value={custom.to}
                onChange={(e) => edit(() => setCustom({ ...custom, to: e.target.value }))}
                invalid={!!toProblem}
                aria-describedby={toProblem ? `${ids.to}-help` : undefined}
              />
            </Field>
          </fieldset>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={form.pending}>
            {form.pending ? "Saving…" : existing ? "Change the target" : "Set the target"}
          </Button>
          <FormOutcome general={form.general} notice={form.notice} />
        </div>
      </form>
    </div>
  );
}
