"use client";

import { useActionState } from "react";
import { Button } from "@/src/ui/button";
import { TextField } from "@/src/ui/field";
import { changePasswordAction, type ChangePasswordState } from "./actions";

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, { status: "idle" });
  const problem = (field: "currentPassword" | "newPassword" | "confirmPassword") => (state.status === "invalid" ? state.fields[field] : undefined);
  return (
    // Keyed by the outcome so that a change, or a refusal, empties the fields.
    <form key={JSON.stringify(state)} action={action} className="space-y-4">
      <TextField
        id="current-password"
        name="currentPassword"
        type="password"
        label="Current password"
        autoComplete="current-password"
        required
        error={problem("currentPassword")}
      />
      <TextField
        id="new-password"
        name="newPassword"
        type="password"
        label="New password"
        autoComplete="new-password"
        required
        minLength={12}
        error={problem("newPassword")}
        hint="At least 12 characters and hard to guess: a few unrelated words work well."
      />
      <TextField
        id="confirm-password"
        name="confirmPassword"
        type="password"
        label="New password again"
        autoComplete="new-password"
        required
        error={problem("confirmPassword")}
      />
      {state.status === "invalid" && state.error ? (
        <p role="alert" className="text-[13px] text-red-700">
          {state.error}
        </p>
      ) : null}
      {state.status === "changed" ? (
        <p role="status" className="text-[13px] text-emerald-800">
          Password changed. {state.endedSessions === 1 ? "1 other session was signed out." : `${state.endedSessions} other sessions were signed out.`}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
