"use client";

// A team's rock and stone thresholds: the ones in force (set for the team, or its percentiles, as the
// dashboard's size mix computes them), the form that sets both, and the button that goes back to the
// percentiles.
import { useEffect, useId, useState } from "react";
import { FormOutcome, useActionForm } from "@/app/_kit/action-form";
import { numberOrNull } from "@/app/opportunities/_lib/problems";
import type { DealSizesInForce } from "@/src/server/metrics/targets-page";
import { Button } from "@/src/ui/button";
import { Field, Input } from "@/src/ui/field";
import { formatMoney } from "@/src/ui/format";
import { setDealSizesAction } from "./actions";

const amount = (value: number | null, currency: string) => (value === null ? "—" : formatMoney(Math.round(value * 100), currency));
const asText = (value: number | null) => (value === null ? "" : String(value));

/** The server's words about the thresholds, for people. */
const sizeWords = (message: string | undefined) =>
  message === "Must be larger than stoneFrom"
    ? "The rock amount must be larger than the stone amount."
    : message === "Give both thresholds, or neither"
      ? "Give both amounts, or neither for the percentiles."
      : message;

export function DealSizesForm({ teamId, sizes }: { teamId: string; sizes: DealSizesInForce }) {
  const uid = useId();
  const stored = sizes.set ? [sizes.rockFrom, sizes.stoneFrom] : [null, null];
  const [rock, setRock] = useState(asText(stored[0] ?? null));
  const [stone, setStone] = useState(asText(stored[1] ?? null));
  const form = useActionForm(["rockFrom", "stoneFrom"]);
  const key = stored.join("/");
  useEffect(() => {
    const [r, s] = key.split("/");
    setRock(r ?? "");
    setStone(s ?? "");
  }, [key]);

  const edit = (change: () => void) => {
    form.edited();
    change();
  };
  const saved = (s: { rockFrom: number | null; stoneFrom: number | null }) =>
    s.rockFrom === null
      ? "Saved: the team's percentiles apply."
      : `Saved: rocks from ${amount(s.rockFrom, sizes.currency)}, stones from ${amount(s.stoneFrom, sizes.currency)}.`;
  const submit = form.onSubmit(() => setDealSizesAction({ teamId, rockFrom: numberOrNull(rock), stoneFrom: numberOrNull(stone) }), saved);
  const reset = form.onSubmit(() => setDealSizesAction({ teamId, rockFrom: null, stoneFrom: null }), saved);
  const rockProblem = sizeWords(form.problem("rockFrom"));
  const stoneProblem = sizeWords(form.problem("stoneFrom"));
  const where = `${sizes.processName ? `deals of ${sizes.processName}` : "the team's deals"} in ${sizes.currency}, disqualified ones aside`;

  return (
    <div className="space-y-5">
      <dl className="grid gap-4 sm:grid-cols-3">
        <div>
          <dt className="text-[13px] font-medium text-ink-muted">A rock from</dt>
          <dd className="mt-0.5 text-lg font-semibold tabular-nums text-ink">{amount(sizes.rockFrom, sizes.currency)}</dd>
        </div>
        <div>
          <dt className="text-[13px] font-medium text-ink-muted">A stone from</dt>
          <dd className="mt-0.5 text-lg font-semibold tabular-nums text-ink">{amount(sizes.stoneFrom, sizes.currency)}</dd>
        </div>
        <div>
          <dt className="text-[13px] font-medium text-ink-muted">Where they come from</dt>
          <dd className="mt-0.5 text-sm text-ink">
            {sizes.set
              ? "Set for the team"
              : sizes.rockFrom === null
                ? `The team's percentiles, once it has deals (${where})`
                : `The team's 80th and 40th percentile deal size (${where})`}
          </dd>
        </div>
      </dl>

      <form onSubmit={submit} noValidate aria-label="Set the deal sizes" className="space-y-4 border-t border-line pt-5">
        <h3 className="text-sm font-semibold text-ink">Set the amounts</h3>
        <div className="grid gap-4 sm:grid-cols-2 lg:max-w-2xl">
          <Field id={`${uid}-rock`} label="A rock from" error={rockProblem} hint="The large deals: this amount and up.">
            <Input
              id={`${uid}-rock`}
              inputMode="decimal"
              value={rock}
              onChange={(e) => edit(() => setRock(e.target.value))}
              invalid={!!rockProblem}
              aria-describedby={`${uid}-rock-help`}
              placeholder={sizes.set ? undefined : asText(sizes.rockFrom)}
              autoComplete="off"
            />
          </Field>
          <Field id={`${uid}-stone`} label="A stone from" error={stoneProblem} hint="The medium deals; below it, pebbles.">
            <Input
              id={`${uid}-stone`}
              inputMode="decimal"
              value={stone}
              onChange={(e) => edit(() => setStone(e.target.value))}
              invalid={!!stoneProblem}
              aria-describedby={`${uid}-stone-help`}
              placeholder={sizes.set ? undefined : asText(sizes.stoneFrom)}
              autoComplete="off"
            />
          </Field>
        </div>
        <p className="text-[13px] text-ink-muted">Amounts in the deals' own currency; give both, the rock amount the larger.</p>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={form.pending}>
            {form.pending ? "Saving…" : "Save the amounts"}
          </Button>
          <FormOutcome general={form.general} notice={form.notice} />
        </div>
      </form>
      {sizes.set ? (
        <form onSubmit={reset} aria-label="Use the percentiles" className="border-t border-line pt-5">
          <Button type="submit" variant="secondary" disabled={form.pending}>
            Clear the amounts: use the team's percentiles
          </Button>
        </form>
      ) : null}
    </div>
  );
}
