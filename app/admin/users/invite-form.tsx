"use client";

import { useRef } from "react";
import { generalMessage, problemFor } from "@/app/opportunities/_lib/problems";
import { rolesWith } from "@/src/auth/permissions";
import { Button } from "@/src/ui/button";
import { TextField } from "@/src/ui/field";
import { inviteUserAction } from "./actions";
import { useAdminAction } from "./use-admin-action";
import { readUserFields, type TeamChoice, UserFields } from "./user-fields";

/** Invites a user: they are e-mailed a link to choose their password. */
export function InviteForm({ teams, sso }: { teams: TeamChoice[]; sso: string | null }) {
  const { error, done, pending, run } = useAdminAction<{ id: string; email: string }>();
  const form = useRef<HTMLFormElement>(null);
  return (
    <form
      ref={form}
      aria-label="Invite a user"
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        run(
          () => inviteUserAction({ name: data.get("name"), email: data.get("email"), ...readUserFields(data) }),
          () => form.current?.reset(),
        );
      }}
    >
      <TextField id="invite-name" name="name" label="Name" required maxLength={120} autoComplete="off" error={problemFor(error, "name")} />
      <TextField
        id="invite-email"
        name="email"
        type="email"
        label="E-mail"
        required
        maxLength={254}
        autoComplete="off"
        error={problemFor(error, "email")}
      />
      <UserFields
        idPrefix="invite"
        teams={teams}
        initial={{ role: rolesWith("opportunity.create", "own")[0]!, teamId: null, groups: [] }}
        problems={{ role: problemFor(error, "role"), teamId: problemFor(error, "teamId"), groups: problemFor(error, "groups") }}
      />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Sending the invitation…" : "Send invitation"}
        </Button>
        <p className="text-[13px] text-ink-muted">
          They get an e-mail with a link to choose a password, valid 72 hours{sso ? `, and may sign in with ${sso} instead` : ""}.
        </p>
        {done ? (
          <p role="status" className="text-[13px] text-emerald-800">
            Invitation sent to {done.email}.
          </p>
        ) : null}
        {error && generalMessage(error, ["name", "email", "role", "teamId", "groups"]) ? (
          <p role="alert" className="text-[13px] text-red-700">
            {generalMessage(error, ["name", "email", "role", "teamId", "groups"])}
          </p>
        ) : null}
      </div>
    </form>
  );
}
