"use client";

// How far a check or an import is: the upload first, then the rows the server has been through.
import { Button } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import type { ImportStatus } from "./send-import";

type Props = { dryRun: boolean; status: ImportStatus | null; onStop?: () => void };

export function ImportProgress({ dryRun, status, onStop }: Props) {
  const rows = status?.phase === "rows" ? status : null;
  const fraction = rows ? (rows.rowsTotal > 0 ? rows.rowsDone / rows.rowsTotal : 1) : status?.phase === "uploading" ? status.fraction : 0;
  const percent = Math.round(fraction * 100);
  const label = rows
    ? `${dryRun ? "Checking" : "Importing"} row ${rows.rowsDone.toLocaleString("en-US")} of ${rows.rowsTotal.toLocaleString("en-US")}`
    : `Sending the file (${percent}%)`;
  return (
    <Card
      title={dryRun ? "Checking the file" : "Importing"}
      description={
        dryRun
          ? "Every row is read and checked; nothing is written."
          : "Rows are written in batches of 500, each batch whole or not at all. Leaving this page does not stop the import."
      }
      action={
        onStop ? (
          <Button variant="secondary" size="sm" onClick={onStop}>
            Stop checking
          </Button>
        ) : null
      }
    >
      <p id="import-progress-label" className="text-sm font-medium text-ink">
        {label}
      </p>
      <div
        role="progressbar"
        aria-labelledby="import-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={label}
        className="mt-3 h-2.5 overflow-hidden rounded-full bg-zinc-200"
      >
        <div className="h-full rounded-full bg-accent transition-[width] duration-300" style={{ width: `${Math.max(percent, 2)}%` }} />
      </div>
    </Card>
  );
}
