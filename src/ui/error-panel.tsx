"use client";

// What a failed page load shows: a plain sentence, a way to retry, and a way out. The error's
// digest is shown so support can find the server log line; its message never is.
import { useEffect } from "react";
import { Button, ButtonLink } from "./button";
import { AlertIcon, RotateIcon } from "./icons";

type Props = {
  error: Error & { digest?: string };
  /** The error boundary's `retry`: fetches the segment again. */
  retry: () => void;
  title: string;
  description: string;
  /** Where to go instead. */
  back?: { href: string; label: string };
};

export function ErrorPanel({ error, retry, title, description, back = { href: "/board", label: "Back to the board" } }: Props) {
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
        <Button onClick={retry}>
          <RotateIcon className="size-4" />
          Try again
        </Button>
        <ButtonLink href={back.href} variant="secondary">
          {back.label}
        </ButtonLink>
      </div>
      {error.digest ? <p className="mt-6 font-mono text-xs text-ink-subtle">Reference {error.digest}</p> : null}
    </div>
  );
}
