"use client";

// A process without a draft: start one from its latest version, or go back to the list (where a
// draft may also start from a shipped template).
import { useRouter } from "next/navigation";
import { useTransition, useState } from "react";
import { Button, ButtonLink } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { EmptyState } from "@/src/ui/empty-state";
import { LayersIcon } from "@/src/ui/icons";
import { PageHeader } from "@/src/ui/page-header";
import { startDraftAction } from "./actions";

type Props = { processKey: string; latest: { name: string; version: number } | null; discarded?: boolean };

export function NoDraft({ processKey, latest, discarded }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const start = () =>
    startTransition(async () => {
      const result = await startDraftAction({ key: processKey });
      // A draft started meanwhile by someone else is there to edit as well.
      if (result.ok || result.error.code === "CONFLICT") router.replace(`/admin/processes/${processKey}/draft`);
      else setError(result.error.message);
      if (result.ok || result.error.code === "CONFLICT") router.refresh();
    });
  return (
    <>
      <PageHeader title={latest ? `${latest.name}: no draft` : "No draft"} eyebrow={`Process ${processKey}`} />
      {discarded ? (
        <p role="status" className="mb-4 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          The draft was discarded. The published versions are as they were.
        </p>
      ) : null}
      <Card>
        <EmptyState
          headingLevel={2}
          icon={<LayersIcon className="size-5" />}
          title={latest ? "This process has no draft" : "There is no such process yet"}
          description={
            latest
              ? `Its next version is edited as a draft. Start one from version ${latest.version}, the latest, and publish it when it is ready.`
              : "A new process starts from a shipped template, on the list of processes."
          }
          action={
            <div className="flex flex-wrap justify-center gap-2">
              {latest ? (
                <Button onClick={start} disabled={pending}>
                  {pending ? "Starting…" : `Start a draft from version ${latest.version}`}
                </Button>
              ) : null}
              <ButtonLink href="/admin/processes" variant="secondary">
                Back to the processes
              </ButtonLink>
            </div>
          }
        />
        {error ? (
          <p role="alert" className="px-6 pb-6 text-center text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </Card>
    </>
  );
}
