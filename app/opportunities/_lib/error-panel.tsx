"use client";

// What a failed page load shows: a plain sentence, a way to retry, and a way out. The error's
// digest is shown so support can find the server log line; its message never is.
import { useEffect } from "react";
import { Button, ButtonLink } from "@/src/ui/button";
import { AlertIcon, RotateIcon } from "@/src/ui/icons";

type Props = { error: Error & { digest?: string }; reset: () => void; title: string; description: string };

export function ErrorPanel({ error, reset, title, description }: Props) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="mx-auto max-w-xl rounded-card border border-line bg-surface px-8 py-12 text-center shadow-card" role="alert">
      <div className="mx-auto flex size-12 items-center justify-center rounded-xl bg-red-50 text-red-600">
        <AlertIcon className="size-6" />
      </div>
      <h1 className="mt-4 text-lg font-semibold text-ink">{title}</h1>
      <p className="mt-1.5 text-sm text-ink-muted">{description}</p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <Button onClick={reset}>
          <RotateIcon className="size-4" />
          Try again
        </Button>
        <ButtonLink href="/board" variant="secondary">
          Back to the board
        </ButtonLink>
      </div>
      {error.digest ? <p className="mt-6 font-mono text-xs text-ink-subtle">Reference {error.digest}</p> : null}
    </div>
  );
}
