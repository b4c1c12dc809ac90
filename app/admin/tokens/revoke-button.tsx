"use client";

import { useState, useTransition } from "react";
import { describeError } from "@/app/opportunities/_lib/problems";
import { Button } from "@/src/ui/button";
import { Dialog } from "@/src/ui/dialog";
import { revokeTokenAction } from "./actions";

/** Revokes a token after a confirmation naming it and its owner; the page re-renders with it revoked. */
export function RevokeButton({ id, name, owner }: { id: string; name: string; owner: string }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <Button size="sm" variant="danger" onClick={() => setOpen(true)} aria-label={`Revoke ${name} of ${owner}`}>
        Revoke
      </Button>
      {open ? (
        <Dialog
          open
          onOpenChange={setOpen}
          title="Revoke this token?"
          description={`"${name}" of ${owner} stops working at its next request. A script or integration using it must be given a new one.`}
          footer={
            <>
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button
                variant="danger"
                disabled={pending}
                onClick={() =>
                  startTransition(async () => {
                    const result = await revokeTokenAction({ id });
                    if (result.ok) setOpen(false);
                    else setError(describeError(result.error));
                  })
                }
              >
                {pending ? "Revoking…" : "Revoke the token"}
              </Button>
            </>
          }
        >
          {error ? (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : (
            <p className="text-sm text-ink-muted">The revocation is recorded in the audit log.</p>
          )}
        </Dialog>
      ) : null}
    </>
  );
}
