"use client";

import { useState, useTransition } from "react";
import { describeError } from "@/app/opportunities/_lib/problems";
import { Button } from "@/src/ui/button";
import { RotateIcon } from "@/src/ui/icons";
import { retryOutboxAction } from "./actions";

/** Queues a failed or not configured message again; the page re-renders with it pending. */
export function RetryButton({ id, what }: { id: string; what: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        size="sm"
        variant="secondary"
        disabled={pending}
        aria-label={`Retry: ${what}`}
        onClick={() =>
          startTransition(async () => {
            const result = await retryOutboxAction({ id });
            setError(result.ok ? null : describeError(result.error));
          })
        }
      >
        <RotateIcon className="size-3.5" />
        {pending ? "Retrying…" : "Retry"}
      </Button>
      {error ? (
        <p role="alert" className="max-w-60 text-right text-[13px] text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
