"use client";

// The live preview: the templates as typed, sent a moment after the admin stops typing (300 ms) to
// be filled from the chosen deal on the server; an answer that arrives after a newer request was
// sent is dropped, so the preview never shows an older text than the one in the field.
import { useEffect, useRef, useState } from "react";
import type { ActionError } from "@/src/http/action-result";
import type { ClosingPreviewRequest } from "@/src/schemas/closing";
import type { ClosingPreview } from "@/src/server/closing/admin-page";
import { previewTemplatesAction } from "./actions";

export const PREVIEW_DELAY_MS = 300;

export function useTemplatePreview(request: ClosingPreviewRequest) {
  const [preview, setPreview] = useState<ClosingPreview | null>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const key = JSON.stringify(request);

  useEffect(() => {
    const n = ++latest.current;
    setLoading(true);
    const timer = setTimeout(async () => {
      const result = await previewTemplatesAction(JSON.parse(key)).catch((): { ok: false; error: ActionError } => ({
        ok: false,
        error: { code: "UNAVAILABLE", message: "The preview could not be loaded." },
      }));
      if (n !== latest.current) return;
      setLoading(false);
      if (result.ok) {
        setPreview(result.data);
        setError(null);
      } else setError(result.error);
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key]);

  return { preview, error, loading };
}
