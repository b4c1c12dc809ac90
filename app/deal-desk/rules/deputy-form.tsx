"use client";

import { type FormEvent, useState, useTransition } from "react";
import { generalMessage, problemFor } from "@/app/opportunities/_lib/problems";
import type { ActionError } from "@/src/http/action-result";
import type { RulesPageTeam } from "@/src/server/deal-desk/rules-page";
import { Button } from "@/src/ui/button";
import { Field } from "@/src/ui/field";
import { Select } from "@/src/ui/select";
import { setDeputyAction } from "./actions";

/** One team's sales manager deputy: none, or a manager who does not manage this team. */
export function DeputyForm({ team }: { team: RulesPageTeam }) {
  const [userId, setUserId] = useState(team.deputy?.id ?? "");
  const [error, setError] = useState<ActionError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const id = `deputy-${team.id}`;
  const problem = problemFor(error, "userId");
  const general = generalMessage(error, ["userId"]);
  const stale = team.deputy && !team.deputy.eligible ? team.deputy : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    startTransition(async () => {
      const result = await setDeputyAction({ teamId: team.id, userId: userId || null });
      if (!result.ok) {
        setNotice(null);
        return setError(result.error);
      }
      setError(null);
      setNotice(result.data.approvalDeputyId ? "Deputy saved." : "Deputy cleared.");
    });
  }

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
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Save deputy"}
        </Button>
      </div>
      {general ? (
        <p role="alert" className="text-sm text-red-700">
          {general}
        </p>
      ) : null}
      <div aria-live="polite" className="text-[13px] text-emerald-800 empty:hidden">
        {notice}
      </div>
    </form>
  );
}
