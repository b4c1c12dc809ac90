"use client";

import type { FileView } from "@/src/server/opportunity-page/page-details";
import { Badge } from "@/src/ui/badge";
import { Card, CardEmptyRow } from "@/src/ui/card";
import { DownloadIcon, FileIcon } from "@/src/ui/icons";
import { FILE_KIND_LABELS } from "../../_lib/labels";
import { exactTime, formatBytes, relativeTime } from "../../_lib/format";
import { UploadForm } from "../../_kit/fixers/upload-form";
import { useDeal } from "./deal-context";

type Props = { dealId: string; files: FileView[]; contractName: string | null; canEdit: boolean; now: Date };

export function FilesCard({ dealId, files, contractName, canEdit, now }: Props) {
  const { announce } = useDeal();
  return (
    <Card id="files" className="scroll-mt-24" title="Files" description="Quotes, order forms and the signed contract." flush>
      {files.length === 0 ? (
        <CardEmptyRow icon={<FileIcon />}>No files attached yet.</CardEmptyRow>
      ) : (
        <ul className="divide-y divide-line">
          {files.map((f) => (
            <li key={f.id} className="flex items-start gap-3 px-5 py-3">
              <span className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-md bg-canvas text-ink-muted ring-1 ring-line">
                <FileIcon className="size-4" />
              </span>
              <div className="min-w-0 flex-1">
                <a
                  href={`/api/v1/opportunities/${dealId}/files/${f.id}`}
                  className="block truncate text-sm font-medium text-ink hover:text-accent hover:underline"
                  title={f.storedName !== f.originalName ? `Uploaded as ${f.originalName}` : undefined}
                >
                  {f.storedName}
                </a>
                <p className="mt-0.5 flex flex-wrap items-center gap-x-1.5 text-xs text-ink-muted">
                  <Badge>{FILE_KIND_LABELS[f.kind]}</Badge>
                  <span>{formatBytes(f.sizeBytes)}</span>·<span>{f.uploaderName ?? "Someone"}</span>·
                  <time dateTime={f.uploadedAt} title={exactTime(f.uploadedAt)}>
                    {relativeTime(f.uploadedAt, now)}
                  </time>
                </p>
              </div>
              <a
                href={`/api/v1/opportunities/${dealId}/files/${f.id}`}
                download
                aria-label={`Download ${f.storedName}`}
                className="flex size-8 shrink-0 items-center justify-center rounded-md text-ink-subtle hover:bg-zinc-100 hover:text-ink"
              >
                <DownloadIcon className="size-4" />
              </a>
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <div className="border-t border-line bg-canvas/50 px-5 py-4">
          <UploadForm contractName={contractName} onUploaded={announce} />
        </div>
      ) : null}
    </Card>
  );
}
