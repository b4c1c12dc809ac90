"use client";

// The deal-move page's one write: "Move N deals" after a confirmation, then the report of what moved
// and what stayed (each deal decided again as it is at that moment, so it may differ from the preview).
import Link from "next/link";
import { useState, useTransition } from "react";
import { describeError } from "@/app/opportunities/_lib/problems";
import type { ActionError } from "@/src/http/action-result";
import type { DealMovesReport } from "@/src/schemas/process-drafts";
import { Button } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { Dialog } from "@/src/ui/dialog";
import { pluralize } from "@/src/ui/format";
import { moveDealsAction } from "../../actions";
import { StaysBecause } from "./stays-because";

type Props = { processKey: string; fromVersion?: number; moves: number; toVersion: number; stageNames: Record<string, string> };

export function MoveDealsPanel({ processKey, fromVersion, moves, toVersion, stageNames }: Props) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  const [report, setReport] = useState<DealMovesReport | null>(null);
  const [pending, startTransition] = useTransition();
  const names = new Map(Object.entries(stageNames));
  const label = `Move ${pluralize(moves, "deal")}`;
  const move = () =>
    startTransition(async () => {
      const result = await moveDealsAction({ key: processKey, request: fromVersion ? { fromVersion } : {} });
      if (result.ok) {
        setReport(result.data);
        setError(null);
        setOpen(false);
      } else setError(result.error);
    });
  const moved = report?.items.filter((i) => i.outcome === "moved") ?? [];
  const stayed = report?.items.filter((i) => i.outcome === "stays") ?? [];

  return (
    <>
      {report ? (
        <Card aria-labelledby="report-heading" title={<span id="report-heading">Report</span>}>
          <div role="status" className="space-y-3 text-sm">
            <p className="font-medium text-ink">
              {moved.length ? `${pluralize(moved.length, "deal")} moved to version ${report.toVersion}.` : "No deal moved."}
              {stayed.length ? ` ${pluralize(stayed.length, "deal")} stayed on ${stayed.length === 1 ? "its" : "their"} version.` : ""}
            </p>
            {moved.length ? (
              <ul className="list-disc pl-5 text-ink-muted">
                {moved.map((d) => (
                  <li key={d.id}>
                    <Link
                      href={`/opportunities/${d.id}`}
                      className="text-ink underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent"
                    >
                      {d.name}
                    </Link>{" "}
                    ({d.ownerName}), from version {d.fromVersion}
                  </li>
                ))}
              </ul>
            ) : null}
            {stayed.length ? (
              <ul className="space-y-2">
                {stayed.map((d) => (
                  <li key={d.id} className="rounded-lg border border-line p-3">
                    <p className="font-medium text-ink">{d.name}</p>
                    <StaysBecause item={d} stageNames={names} />
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </Card>
      ) : null}
      {moves > 0 ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button
            onClick={() => {
              setError(null);
              setOpen(true);
            }}
          >
            {label}
          </Button>
          <span className="text-[13px] text-ink-muted">The deals that would stay are left as they are.</span>
        </div>
      ) : null}
      {open ? (
        <Dialog
          open
          onOpenChange={setOpen}
          title={`${label} to version ${toVersion}?`}
          description="Each deal keeps its stage and its time in it; its history records the move. A deal that no longer qualifies when it is moved stays, and the report says so."
          footer={
            <>
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button disabled={pending} onClick={move}>
                {pending ? "Moving…" : label}
              </Button>
            </>
          }
        >
          {error ? (
            <p role="alert" className="text-sm text-red-700">
              {describeError(error)}
            </p>
          ) : (
            <p className="text-sm text-ink-muted">The move is recorded in the audit log.</p>
          )}
        </Dialog>
      ) : null}
    </>
  );
}
