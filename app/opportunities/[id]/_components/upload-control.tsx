"use client";

// Attaching a file to the deal. The bytes go to the REST API's upload route (multipart, up to the
// configured size), which calls the same uploadFile use case; a signed contract is renamed there
// to the naming convention, which is shown before the upload.
import { useId, useRef, useState, type FormEvent } from "react";
import { FILE_KINDS, type FileKind } from "@/src/domain/process/types";
import { Button } from "@/src/ui/button";
import { cx } from "@/src/ui/cx";
import { UploadIcon } from "@/src/ui/icons";
import { Select } from "@/src/ui/select";
import { FILE_KIND_LABELS } from "../../_lib/labels";
import { humanize } from "../../_lib/problems";
import { useDeal } from "./deal-context";

type Props = {
  /** A fixed kind (a document criterion), or none to let the user choose. */
  kind?: FileKind;
  /** The base name a signed contract gets; null when it cannot be named yet. */
  contractName: string | null;
  className?: string;
};

const extension = (name: string) => /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? "pdf";

export function UploadControl({ kind: fixedKind, contractName, className }: Props) {
  const { id: dealId, resync, announce } = useDeal();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<FileKind>(fixedKind ?? "quote");
  const [fileName, setFileName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function upload(e: FormEvent) {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setError("Choose a file first.");
    setPending(true);
    setError(null);
    const form = new FormData();
    form.set("kind", kind);
    form.set("file", file);
    const res = await fetch(`/api/v1/opportunities/${encodeURIComponent(dealId)}/files`, { method: "POST", body: form }).catch(() => null);
    const body = res ? await res.json().catch(() => null) : null;
    setPending(false);
    if (!res?.ok) {
      const problem = body?.error?.details?.fields?.[0];
      return setError(problem ? `${humanize(problem.message)}${problem.field === "users" ? " (Users, under Deal details)" : ""}` : (body?.error?.message ?? "The upload failed. Try again."));
    }
    if (input.current) input.current.value = "";
    setFileName("");
    announce(`${FILE_KIND_LABELS[kind]} uploaded as ${body.storedName}.`);
    await resync();
  }

  return (
    <form onSubmit={upload} className={cx("space-y-2", className)}>
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
          <label htmlFor={`${id}-file`} className="block text-[13px] font-medium text-ink">
            {FILE_KIND_LABELS[kind]} file
          </label>
          <input
            ref={input}
            id={`${id}-file`}
            type="file"
            accept=".pdf,.docx,.xlsx,.pptx,.doc,.xls,.png,.jpg,.jpeg,.txt,.csv"
            onChange={(e) => setFileName(e.target.files?.[0]?.name ?? "")}
            aria-describedby={`${id}-help`}
            className="block h-10 w-full cursor-pointer rounded-lg border border-line-strong bg-surface text-sm text-ink-muted shadow-xs file:mr-3 file:h-full file:cursor-pointer file:border-0 file:border-r file:border-line file:bg-canvas file:px-3 file:text-sm file:font-medium file:text-ink hover:file:bg-zinc-100"
          />
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>
          <UploadIcon className="size-4" />
          {pending ? "Uploading…" : "Upload"}
        </Button>
      </div>
      <p id={`${id}-help`} className={cx("text-[13px]", error ? "text-red-700" : "text-ink-muted")} role={error ? "alert" : undefined}>
        {error ??
          (kind === "signed_contract" ? (
            contractName ? (
              <>
                Stored as <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs text-ink">{`${contractName}.${extension(fileName)}`}</code>, the
                contract naming convention.
              </>
            ) : (
              "An expansion contract is named with its number of users: set Users under Deal details first."
            )
          ) : (
            "PDF, Office documents, images, text or CSV."
          ))}
      </p>
    </form>
  );
}
