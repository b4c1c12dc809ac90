"use client";

import { useActionState } from "react";
import { Button } from "@/src/ui/button";
import { Field, TextField } from "@/src/ui/field";
import { AlertIcon } from "@/src/ui/icons";
import { Select } from "@/src/ui/select";
import { createTokenAction, type CreateTokenState } from "./actions";
import { CopyButton } from "./copy-button";

export function CreateTokenForm() {
  const [state, action, pending] = useActionState<CreateTokenState, FormData>(createTokenAction, { status: "idle" });
  return (
    <div className="space-y-4">
      <form action={action} className="flex flex-wrap items-start gap-3">
        <TextField
          key={state.status === "invalid" ? `invalid:${state.name}` : state.status}
          id="token-name"
          name="name"
          label="Token name"
          placeholder="e.g. CRM sync"
          maxLength={80}
          defaultValue={state.status === "invalid" ? state.name : ""}
          error={state.status === "invalid" ? state.error : undefined}
          hint="Say where it will be used."
          className="min-w-56 flex-1"
        />
        <Field id="token-expires" label="Expires" className="w-36">
          <Select id="token-expires" name="expiresIn" defaultValue="90">
            <option value="7">in 7 days</option>
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="365">in a year</option>
            <option value="never">never</option>
          </Select>
        </Field>
        <Button type="submit" disabled={pending} className="mt-7">
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>

      {state.status === "created" ? (
        <div role="status" className="rounded-lg border border-amber-200 bg-amber-50 p-4">
          <div className="flex gap-2.5 text-sm text-amber-900">
            <AlertIcon className="mt-0.5 size-4 shrink-0" />
            <p>
              <span className="font-semibold">Copy “{state.name}” now.</span> For your security it will not be shown again: only its first characters
              are kept.
            </p>
          </div>
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <label htmlFor="new-token" className="sr-only">
              New API token
            </label>
            <input
              id="new-token"
              readOnly
              value={state.token}
              onFocus={(e) => e.currentTarget.select()}
              className="h-8 min-w-0 flex-1 rounded-md border border-amber-300 bg-surface px-2.5 font-mono text-[13px] text-ink"
              data-testid="new-api-token"
            />
            <CopyButton value={state.token} label="Copy token" />
          </div>
        </div>
      ) : null}
    </div>
  );
}
