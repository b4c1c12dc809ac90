"use client";

import { useActionState } from "react";
import { Button } from "@/src/ui/button";
import { revokeTokenAction, type RevokeTokenState } from "./actions";

export function RevokeTokenButton({ tokenId, tokenName }: { tokenId: string; tokenName: string }) {
  const [state, action, pending] = useActionState<RevokeTokenState, FormData>(revokeTokenAction, { error: null });
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm(`Revoke “${tokenName}”? Anything using it will stop working.`)) e.preventDefault();
      }}
      className="flex flex-col items-end gap-1"
    >
      <input type="hidden" name="tokenId" value={tokenId} />
      <Button type="submit" variant="danger" size="sm" disabled={pending} aria-label={`Revoke ${tokenName}`}>
        {pending ? "Revoking…" : "Revoke"}
      </Button>
      {state.error ? (
        <p role="alert" className="text-xs text-red-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
