import { AppError } from "@/src/errors";
import { apiRoute } from "@/src/http/api-route";
import { FileKindField } from "@/src/schemas/files";
import { OpportunityParams } from "@/src/schemas/opportunities";
import { listFiles } from "@/src/server/files/list-files";
import { maxUploadBytes, uploadFile } from "@/src/server/files/upload-file";

export const GET = apiRoute({ params: OpportunityParams }, async ({ actor, params }) => listFiles(actor, params.id));

const invalid = (field: string, message: string) => new AppError("VALIDATION_FAILED", "The upload is not valid.", { fields: [{ field, message }] });

export const POST = apiRoute({ params: OpportunityParams, status: 201 }, async ({ actor, params, req }) => {
  // Refuse an oversized body before reading it (multipart adds a little around the file).
  if (Number(req.headers.get("content-length") ?? 0) > maxUploadBytes() + 64 * 1024)
    throw new AppError("PAYLOAD_TOO_LARGE", `Files are limited to ${Math.floor(maxUploadBytes() / 1024 / 1024)} MB.`);
  if (!req.headers.get("content-type")?.startsWith("multipart/form-data"))
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the file as multipart/form-data with the parts kind and file.");
  const form = await req.formData().catch(() => {
    throw invalid("(body)", "not a readable multipart body");
  });
  const kind = FileKindField.safeParse(form.get("kind"));
  if (!kind.success) throw invalid("kind", `one of ${FileKindField.options.join(", ")}`);
  const file = form.get("file");
  if (!(file instanceof File)) throw invalid("file", "a file part is required");
  return uploadFile(actor, params.id, { kind: kind.data, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
});
