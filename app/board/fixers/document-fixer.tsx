"use client";

import { useRef, useState } from "react";
import { DEFAULT_MAX_UPLOAD_BYTES } from "@/src/domain/files/upload-rules";
import type { FileKind } from "@/src/domain/process/types";
import { Button } from "@/src/ui/button";
import { uploadDealFile } from "../actions";
import { UploadIcon } from "@/src/ui/icons";
import { useFix } from "../use-fix";
import { FixerMessage } from "./fixer-message";
import { fixerId, type FixerProps } from "./fixer-types";

const KIND_NAMES: Record<FileKind, string> = { signed_contract: "signed contract", order_form: "order form", quote: "quote", other: "document" };
const ACCEPT = ".pdf,.docx,.xlsx,.pptx,.doc,.xls,.png,.jpg,.jpeg,.txt,.csv";

/** A `document` criterion: the file is uploaded in place; a signed contract is renamed to the convention. */
export function DocumentFixer({ card, unmet, done, onCard, onFixed, kind }: FixerProps & { kind: FileKind }) {
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [stored, setStored] = useState<string | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const fix = useFix(onCard);
  const id = fixerId(unmet);

  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        form.set("id", card.id);
        form.set("kind", kind);
        fix.run(
          () => uploadDealFile(form), // a file carries no version: it only adds to the deal
          (data) => data.card,
          (data) => {
            setStored(data.storedName);
            setChosen(null);
            if (input.current) input.current.value = "";
            onFixed(true);
          },
        );
      }}
    >
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {unmet.label}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={input}
          id={id}
          name="file"
          type="file"
          required
          accept={ACCEPT}
          disabled={fix.pending}
          aria-describedby={`${id}-msg`}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            // The server refuses it too; checked here, a large file is never sent only to be refused.
            setTooLarge(!!file && file.size > DEFAULT_MAX_UPLOAD_BYTES);
            setChosen(file?.name ?? null);
          }}
          className="block min-w-0 flex-1 text-[13px] text-ink-muted file:mr-3 file:h-8 file:cursor-pointer file:rounded-md file:border file:border-line-strong file:bg-surface file:px-3 file:text-[13px] file:font-medium file:text-ink hover:file:bg-zinc-50"
        />
        <Button type="submit" variant="secondary" disabled={fix.pending || !chosen || tooLarge}>
          <UploadIcon className="size-4" />
          {fix.pending ? "Uploading…" : `Upload ${KIND_NAMES[kind]}`}
        </Button>
      </div>
      {fix.error || tooLarge || (done && stored) ? (
        <FixerMessage
          id={`${id}-msg`}
          error={tooLarge ? `Files are limited to ${DEFAULT_MAX_UPLOAD_BYTES / 1024 / 1024} MB: choose a smaller one.` : fix.error}
          success={stored ? `Attached as ${stored}.` : null}
        />
      ) : (
        <p id={`${id}-msg`} className="text-[13px] text-ink-muted">
          {kind === "signed_contract" ? "Renamed to the contract naming convention when it is stored. " : ""}
          PDF, Word, Excel, PowerPoint, images or text.
        </p>
      )}
    </form>
  );
}
