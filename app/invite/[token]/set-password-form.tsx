"use client";

import { useActionState } from "react";
import { Button } from "@/src/ui/button";
import { TextField } from "@/src/ui/field";
import { type SetPasswordState, setInvitedPasswordAction } from "./actions";

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState<SetPasswordState, FormData>(setInvitedPasswordAction, { status: "idle" });
  const problem = (field: "password" | "confirmPassword") => (state.status === "invalid" ? state.fields[field] : undefined);
  if (state.status === "closed")
    return (
      <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
        This link no longer works (
        {state.state === "expired" ? "it has expired" : state.state === "used" ? "it has been used" : "a newer one was sent"}). Reload the page to see
        who to ask.
      </p>
    );
  return (
    <form key={JSON.stringify(state)} action={action} className="space-y-4" aria-label="Choose your password">
      <input type="hidden" name="token" value={token} />
      {/* For password managers: the account the password is for. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <TextField
        id="invite-password"
        name="password"
        type="password"
        label="Password"
        autoComplete="new-password"
        required
        minLength={12}
        error={problem("password")}
        hint="At least 12 characters and hard to guess: a few unrelated words work well."
      />
      <TextField
        id="invite-confirm-password"
        name="confirmPassword"
        type="password"
        label="Password again"
        autoComplete="new-password"
        required
        error={problem("confirmPassword")}
      />
      {state.status === "invalid" && state.error ? (
        <p role="alert" className="text-[13px] text-red-700">
          {state.error}
        </p>
      ) : null}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Setting your password…" : "Set password and sign in"}
      </Button>
    </form>
  );
}
