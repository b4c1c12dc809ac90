"use client";

import { useState } from "react";
import type { RulesPageTeam } from "@/src/server/deal-desk/rules-page";
import { Button } from "@/src/ui/button";
import { Field } from "@/src/ui/field";
import { Select } from "@/src/ui/select";
import { FormOutcome, useActionForm } from "@/app/_kit/action-form";
import { setDeputyAction } from "./actions";

/** One team's sales manager deputy: none, or a manager who does not manage this team. */
export function DeputyForm({ team }: { team: RulesPageTeam }) {
  const [userId, setUserId] = useState(team.deputy?.id ?? "");
  const form = useActionForm(["userId"]);
  const id = `deputy-${team.id}`;
  const problem = form.problem("userId");
  const stale = team.deputy && !team.deputy.eligible ? team.deputy : null;
  const submit = form.onSubmit(
    () => setDeputyAction({ teamId: team.id, userId: userId || null }),
    (saved) => (saved.approvalDeputyId ? "Deputy saved." : "Deputy cleared."),
  );

  return (
    <form onSubmit={submit} noValidate aria-label={`Deputy for ${team.name}`} className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        <Field id={id} label={`Deputy for ${team.name}`} error={problem} className="w-full sm:w-80">
          <Select
            id={id}
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
            invalid={!!problem}
            aria-describedby={problem ? `${id}-help` : undefined}
          >
            <option value="">No deputy: the manager decides</option>
            {stale ? (
              <option value={stale.id} disabled>
                {stale.name} (no longer an active manager)
              </option>
            ) : null}
            {team.candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" variant="secondary" disabled={form.pending}>
          {form.pending ? "Saving…" : "Save deputy"}
        </Button>
      </div>
      <FormOutcome general={form.general} notice={form.notice} />
    </form>
  );
}
