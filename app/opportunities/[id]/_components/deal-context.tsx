"use client";

// The deal every control on the page writes to. Writes go one at a time, each naming the version
// the last one produced, so quick successive edits by one person never conflict with each other;
// a write refused because someone else changed the deal raises the reload banner.
import { useRouter } from "next/navigation";
import { createContext, Fragment, useCallback, useContext, useEffect, useMemo, useRef, useState, useTransition, type ReactNode } from "react";
import type { ActionResult } from "@/src/http/action-result";
import { Button } from "@/src/ui/button";
import { AlertIcon, RotateIcon } from "@/src/ui/icons";
import { reachAction } from "@/src/http/reach-action";

type Permissions = { canEdit: boolean; canMove: boolean; canOverride: boolean; canAssignOwner: boolean };
type Action<T> = (input: unknown) => Promise<ActionResult<T>>;

type DealContextValue = Permissions & {
  id: string;
  /** Sends a write with the deal's id and current version; resolves with the use case's answer. */
  run: <T extends { version: number }>(action: Action<T>, input: Record<string, unknown>) => Promise<ActionResult<T>>;
  /** After a write made outside server actions (an upload): learn the deal's new version. */
  resync: () => Promise<void>;
  announce: (message: string) => void;
};

const DealContext = createContext<DealContextValue | null>(null);

export function useDeal(): DealContextValue {
  const value = useContext(DealContext);
  if (!value) throw new Error("useDeal outside DealProvider");
  return value;
}


type Props = Permissions & { id: string; version: number; children: ReactNode };

export function DealProvider({ id, version, children, canEdit, canMove, canOverride, canAssignOwner }: Props) {
  const router = useRouter();
  const latest = useRef(version);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const [problem, setProblem] = useState<"conflict" | "session" | null>(null);
  const [generation, setGeneration] = useState(0);
  const [message, setMessage] = useState("");
  const [reloading, startReload] = useTransition();

  useEffect(() => {
    latest.current = Math.max(latest.current, version);
  }, [version]);

  const run = useCallback(
    <T extends { version: number }>(action: Action<T>, input: Record<string, unknown>) => {
      const next = queue.current.then(async (): Promise<ActionResult<T>> => {
        const result = await reachAction(action({ ...input, id, version: latest.current }));
        if (result.ok) latest.current = Math.max(latest.current, result.data.version);
        else if (result.error.code === "VERSION_CONFLICT") setProblem("conflict");
        else if (result.error.code === "UNAUTHENTICATED") setProblem("session");
        return result;
      });
      queue.current = next.catch(() => undefined);
      return next;
    },
    [id],
  );

  const resync = useCallback(async () => {
    const res = await fetch(`/api/v1/opportunities/${encodeURIComponent(id)}`, { cache: "no-store" }).catch(() => null);
    const body = res?.ok ? ((await res.json()) as { version?: number }) : null;
    if (typeof body?.version === "number") latest.current = Math.max(latest.current, body.version);
    router.refresh();
  }, [id, router]);

  const value = useMemo(
    () => ({ canEdit, canMove, canOverride, canAssignOwner, id, run, resync, announce: setMessage }),
    [canEdit, canMove, canOverride, canAssignOwner, id, run, resync],
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
      <Fragment key={generation}>{children}</Fragment>
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
            <span className="font-semibold">Someone else changed this deal — reload.</span> Your last change was not saved; reload to
            see the current deal, then make it again.
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
        <a href={`/signin?callbackUrl=${encodeURIComponent(`/opportunities/${id}`)}`} className="rounded-md font-semibold underline underline-offset-2">
          Sign in
        </a>
      )}
    </div>
  );
}
