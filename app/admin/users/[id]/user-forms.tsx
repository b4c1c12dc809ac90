"use client";

import { useState } from "react";
import { describeError, generalMessage, problemFor } from "@/app/opportunities/_lib/problems";
import type { DeskGroup, Role } from "@/src/auth/permissions";
import type { OpenDeal, UserStatus } from "@/src/schemas/users";
import { Button } from "@/src/ui/button";
import { EmptyState } from "@/src/ui/empty-state";
import { formatMoney } from "@/src/ui/format";
import { CheckCircleIcon } from "@/src/ui/icons";
import { Select } from "@/src/ui/select";
import { reassignDealsAction, resendInvitationAction, updateUserAction } from "../actions";
import { useAdminAction } from "../use-admin-action";
import { readUserFields, type TeamChoice, UserFields } from "../user-fields";

export function EditUserForm({ user, teams }: { user: { id: string; role: Role; teamId: string | null; groups: DeskGroup[] }; teams: TeamChoice[] }) {
  const { error, done, pending, run } = useAdminAction<{ id: string }>();
  const claimed = ["changes.role", "changes.teamId", "changes.groups", "role", "teamId", "groups"];
  const general = generalMessage(error, claimed);
  return (
    <form
      aria-label="Role, team and groups"
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const changes = readUserFields(new FormData(e.currentTarget));
        run(() => updateUserAction({ id: user.id, changes }));
      }}
    >
      <UserFields
        idPrefix="edit"
        teams={teams}
        initial={user}
        problems={{
          role: problemFor(error, "changes.role", "role"),
          teamId: problemFor(error, "changes.teamId", "teamId"),
          groups: problemFor(error, "changes.groups", "groups"),
        }}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save changes"}
        </Button>
        {done && !error ? (
          <p role="status" className="text-[13px] text-emerald-800">
            Saved.
          </p>
        ) : null}
        {general ? (
          <p role="alert" className="text-[13px] text-red-700">
            {general}
          </p>
        ) : null}
      </div>
    </form>
  );
}

export function AccessControls({
  user,
  self,
  openDeals,
}: {
  user: { id: string; name: string; status: UserStatus };
  self: boolean;
  openDeals: number;
}) {
  const access = useAdminAction<{ id: string }>();
  const resend = useAdminAction<{ expiresAt: string }>();
  const [confirming, setConfirming] = useState(false);
  const error = access.error ?? resend.error;
  return (
    <div className="space-y-4 text-sm">
      {user.status === "invited" ? (
        <div className="space-y-2">
          <p className="text-ink-muted">{user.name} has not chosen a password yet. A new invitation replaces the last one: its link stops working.</p>
          <Button variant="secondary" disabled={resend.pending} onClick={() => resend.run(() => resendInvitationAction({ id: user.id }))}>
            {resend.pending ? "Sending…" : "Send the invitation again"}
          </Button>
          {resend.done ? (
            <p role="status" className="text-[13px] text-emerald-800">
              A new invitation was sent.
            </p>
          ) : null}
        </div>
      ) : null}
      {user.status === "deactivated" ? (
        <div className="space-y-2">
          <p className="text-ink-muted">{user.name} cannot sign in, and their API tokens are refused.</p>
          <Button
            variant="secondary"
            disabled={access.pending}
            onClick={() => access.run(() => updateUserAction({ id: user.id, changes: { active: true } }))}
          >
            {access.pending ? "Reactivating…" : "Reactivate"}
          </Button>
        </div>
      ) : self ? (
        <p className="text-ink-muted">You cannot deactivate yourself.</p>
      ) : confirming ? (
        <div className="space-y-2 rounded-lg border border-red-200 bg-red-50/60 p-3">
          <p id="deactivate-confirm" className="text-ink">
            Deactivate {user.name}? They are signed out everywhere at once and their API tokens stop working.
            {openDeals ? ` Their ${openDeals} open deal${openDeals === 1 ? "" : "s"} stay theirs until you reassign them below.` : ""}
          </p>
          <div className="flex gap-2">
            <Button
              variant="danger"
              disabled={access.pending}
              onClick={() =>
                access.run(
                  () => updateUserAction({ id: user.id, changes: { active: false } }),
                  () => setConfirming(false),
                )
              }
            >
              {access.pending ? "Deactivating…" : "Deactivate"}
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <div className="space-y-2">
          <p className="text-ink-muted">When someone leaves, deactivate them: they lose access at once, and their history stays.</p>
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Deactivate…
          </Button>
        </div>
      )}
      {error ? (
        <p role="alert" className="text-[13px] text-red-700">
          {describeError(error)}
        </p>
      ) : null}
    </div>
  );
}

export function ReassignDeals({
  userId,
  deals,
  candidates,
}: {
  userId: string;
  deals: OpenDeal[];
  candidates: { id: string; name: string; role: string }[];
}) {
  const { error, done, pending, run } = useAdminAction<{ reassigned: string[] }>();
  if (deals.length === 0)
    return (
      <EmptyState
        icon={<CheckCircleIcon className="size-5" />}
        title={done ? `${done.reassigned.length} deal${done.reassigned.length === 1 ? "" : "s"} reassigned` : "No open deals"}
        description="Nothing to hand over."
      />
    );
  return (
    <form
      aria-label="Reassign open deals"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const opportunityIds = form.getAll("deal").map(String);
        run(() => reassignDealsAction({ id: userId, request: { toUserId: String(form.get("toUserId") ?? ""), opportunityIds } }));
      }}
    >
      <fieldset>
        <legend className="sr-only">Deals to reassign</legend>
        <ul className="divide-y divide-line">
          {deals.map((d) => (
            <li key={d.id} className="flex items-center gap-3 px-5 py-3 text-sm">
              <input id={`deal-${d.id}`} type="checkbox" name="deal" value={d.id} defaultChecked className="size-4 accent-accent" />
              <label htmlFor={`deal-${d.id}`} className="min-w-0 flex-1">
                <span className="font-medium text-ink">{d.name}</span>
                <span className="text-ink-muted">
                  {" "}
                  · {d.accountName} · {d.stageName}
                </span>
              </label>
              <span className="tabular-nums text-ink-muted">{formatMoney(Math.round(d.amount * 100), d.currency)}</span>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="flex flex-wrap items-end gap-3 border-t border-line p-5">
        <div className="min-w-56">
          <label htmlFor="reassign-to" className="mb-1.5 block text-[13px] font-medium text-ink">
            Give the selected deals to
          </label>
          <Select id="reassign-to" name="toUserId" required defaultValue="" invalid={!!problemFor(error, "request.toUserId", "toUserId")}>
            <option value="" disabled>
              Choose a user
            </option>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.role})
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Reassigning…" : "Reassign"}
        </Button>
        {error ? (
          <p role="alert" className="text-[13px] text-red-700">
            {describeError(error)}
          </p>
        ) : null}
      </div>
    </form>
  );
}
