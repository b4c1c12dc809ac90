"use client";

// Attaching a file to the deal, through the one upload action. A signed contract is renamed to the
// naming convention as it is stored; where the page knows the name, it is shown before the upload.
import { useId, useRef, useState } from "react";
import { DEFAULT_MAX_UPLOAD_BYTES, extensionOf } from "@/src/domain/files/upload-rules";
import { FILE_KINDS, type FileKind } from "@/src/domain/process/kinds";
import { Button } from "@/src/ui/button";
import { UploadIcon } from "@/src/ui/icons";
import { Select } from "@/src/ui/select";
import { uploadDealFile } from "../../_actions/deal-actions";
import { FILE_KIND_LABELS } from "../../_lib/labels";
import { problemsOf } from "../../_lib/problems";
import { useFix } from "../use-fix";
import { FixerMessage } from "./fixer-message";

type Props = {
  /** A fixed kind (a document criterion), or none to let the person choose. */
  kind?: FileKind;
  /** The file control's label: the criterion, or "Quote file" and the like. */
  label?: string;
  /** The name a signed contract is stored under; null while an expansion has no users; undefined where unknown. */
  contractName?: string | null;
  /** Shown once the file is attached and the criterion met. */
  done?: boolean;
  onUploaded?: (said: string) => void;
};

const ACCEPT = ".pdf,.docx,.xlsx,.pptx,.doc,.xls,.png,.jpg,.jpeg,.txt,.csv";
const MAX_MB = DEFAULT_MAX_UPLOAD_BYTES / 1024 / 1024;

function Hint({ kind, contractName, fileName }: { kind: FileKind; contractName?: string | null; fileName: string }) {
  if (kind !== "signed_contract") return <>PDF, Word, Excel, PowerPoint, images, text or CSV.</>;
  if (contractName === undefined) return <>Renamed to the contract naming convention when it is stored.</>;
  if (contractName === null) return <>An expansion contract is named with its number of users: set Users under Deal details first.</>;
  return (
    <>
      Stored as{" "}
      <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs text-ink">{`${contractName}.${extensionOf(fileName) || "pdf"}`}</code>, the
      contract naming convention.
    </>
  );
}

export function UploadForm({ kind: fixedKind, label, contractName, done, onUploaded }: Props) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const fix = useFix();
  const [kind, setKind] = useState<FileKind>(fixedKind ?? "quote");
  const [fileName, setFileName] = useState("");
  const [tooLarge, setTooLarge] = useState(false);
  const [stored, setStored] = useState<string | null>(null);
  // An expansion's contract needs the deal's users: the server names the field, the page names where it is.
  const usersMissing = problemsOf(fix.error).some((p) => p.field === "users");
  const error = tooLarge
    ? `Files are limited to ${MAX_MB} MB: choose a smaller one.`
    : usersMissing
      ? `${fix.error!.message} (Users, under Deal details)`
      : fix.message;

  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const file = input.current?.files?.[0];
        if (!file) return;
        const form = new FormData();
        form.set("kind", kind);
        form.set("file", file);
        fix.run(uploadDealFile, form, ({ storedName }) => {
          setStored(storedName);
          setFileName("");
          if (input.current) input.current.value = "";
          onUploaded?.(`${FILE_KIND_LABELS[kind]} attached as ${storedName}.`);
        });
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        {fixedKind ? null : (
          <div className="w-40 space-y-1.5">
            <label htmlFor={`${id}-kind`} className="block text-[13px] font-medium text-ink">
              Kind
            </label>
            <Select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as FileKind)}>
              {FILE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {FILE_KIND_LABELS[k]}
                </option>
              ))}
            </Select>
          </div>
        )}
        <div className="min-w-48 flex-1 space-y-1.5">
          <label htmlFor={id} className="block text-sm font-medium text-ink">
            {label ?? `${FILE_KIND_LABELS[kind]} file`}
          </label>
          <input
            ref={input}
            id={id}
            type="file"
            accept={ACCEPT}
            disabled={fix.pending}
            aria-describedby={`${id}-msg`}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              // The server refuses it too; checked here, a large file is never sent only to be refused.
              setTooLarge(!!file && file.size > DEFAULT_MAX_UPLOAD_BYTES);
              setFileName(file?.name ?? "");
            }}
            className="block h-10 w-full cursor-pointer rounded-lg border border-line-strong bg-surface text-sm text-ink-muted shadow-xs file:mr-3 file:h-full file:cursor-pointer file:border-0 file:border-r file:border-line file:bg-canvas file:px-3 file:text-sm file:font-medium file:text-ink hover:file:bg-zinc-100"
          />
        </div>
        <Button type="submit" variant="secondary" disabled={fix.pending || !fileName || tooLarge}>
          <UploadIcon className="size-4" />
          {fix.pending ? "Uploading…" : `Upload ${FILE_KIND_LABELS[kind].toLowerCase()}`}
        </Button>
      </div>
      {error || (done && stored) ? (
        <FixerMessage id={`${id}-msg`} error={error} success={stored ? `Attached as ${stored}.` : null} />
      ) : (
        <p id={`${id}-msg`} className="text-[13px] text-ink-muted">
          <Hint kind={kind} contractName={contractName} fileName={fileName} />
        </p>
      )}
    </form>
  );
}
