"use client";

// The deal every control on the page writes to, through the deal's writer (app/opportunities/_kit):
// one write at a time, each re-rendering the page in its answer. A write refused because someone else
// changed the deal raises the reload banner: the page as shown is no longer the deal.
import { useRouter } from "next/navigation";
import { createContext, Fragment, useContext, useEffect, useMemo, useState, useTransition, type ReactNode } from "react";
import type { ActionError } from "@/src/http/action-result";
import { Button } from "@/src/ui/button";
import { AlertIcon, RotateIcon } from "@/src/ui/icons";
import { DealWriterContext, useDealWriter, type DealWriter } from "../../_kit/deal-writer";

type Permissions = { canEdit: boolean; canMove: boolean; canOverride: boolean; canAssignOwner: boolean };

type DealContextValue = Permissions &
  DealWriter & {
    announce: (message: string) => void;
  };

const DealContext = createContext<DealContextValue | null>(null);

export function useDeal(): DealContextValue {
  const value = useContext(DealContext);
  if (!value) throw new Error("useDeal outside DealProvider");
  return value;
}

type Props = Permissions & { id: string; version: number; children: ReactNode };

function problemOf(error: ActionError) {
  return error.code === "VERSION_CONFLICT" ? "conflict" : error.code === "UNAUTHENTICATED" ? "session" : null;
}

export function DealProvider({ id, version, children, canEdit, canMove, canOverride, canAssignOwner }: Props) {
  const router = useRouter();
  const [problem, setProblem] = useState<"conflict" | "session" | null>(null);
  const [generation, setGeneration] = useState(0);
  const [message, setMessage] = useState("");
  const [reloading, startReload] = useTransition();
  const writer = useDealWriter({
    id,
    version,
    refreshPage: true,
    onRefused: (error) => setProblem((p) => problemOf(error) ?? p),
    conflictHint: "Someone else changed this deal: reload, then make the change again.",
  });

  const value = useMemo(
    () => ({ canEdit, canMove, canOverride, canAssignOwner, ...writer, announce: setMessage }),
    [canEdit, canMove, canOverride, canAssignOwner, writer],
  );

  function reload() {
    startReload(() => {
      router.refresh();
      // Every open editor is dropped: what it held was based on the old deal.
      setGeneration((g) => g + 1);
      setProblem(null);
    });
  }

  useEffect(() => {
    if (generation > 0 && !reloading) document.getElementById("deal-title")?.focus();
  }, [generation, reloading]);

  return (
    <DealContext.Provider value={value}>
      {problem ? <ProblemBanner id={id} problem={problem} reloading={reloading} onReload={reload} /> : null}
      <DealWriterContext value={writer}>
        <Fragment key={generation}>{children}</Fragment>
      </DealWriterContext>
      <div aria-live="polite" role="status" className="sr-only">
        {message}
      </div>
    </DealContext.Provider>
  );
}

type BannerProps = { id: string; problem: "conflict" | "session"; reloading: boolean; onReload: () => void };

function ProblemBanner({ id, problem, reloading, onReload }: BannerProps) {
  return (
    <div
      role="alert"
      className="sticky top-16 z-20 mb-6 flex flex-wrap items-center gap-3 rounded-card border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 shadow-card"
    >
      <AlertIcon className="size-5 shrink-0 text-amber-700" />
      <p className="min-w-0 flex-1">
        {problem === "conflict" ? (
          <>
            <span className="font-semibold">Someone else changed this deal — reload.</span> Your last change was not saved; reload to see the current
            deal, then make it again.
          </>
        ) : (
          <>
            <span className="font-semibold">Your session has ended.</span> Sign in again to keep working on this deal.
          </>
        )}
      </p>
      {problem === "conflict" ? (
        <Button size="sm" onClick={onReload} disabled={reloading}>
          <RotateIcon className="size-4" />
          {reloading ? "Reloading…" : "Reload"}
        </Button>
      ) : (
        <a
          href={`/signin?callbackUrl=${encodeURIComponent(`/opportunities/${id}`)}`}
          className="rounded-md font-semibold underline underline-offset-2"
        >
          Sign in
        </a>
      )}
    </div>
  );
}
