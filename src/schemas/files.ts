import { z } from "zod";
import { FILE_KINDS } from "../domain/process/types";
import { Id } from "./common";

export const FileKindField = z.enum(FILE_KINDS);

/** The parts of an upload; what validates them is what the document shows. */
export const UploadForm = z
  .object({
    kind: z.enum(FILE_KINDS, { error: `one of ${FILE_KINDS.join(", ")}` }),
    file: z.instanceof(File, { error: "a file part is required" }).meta({ type: "string", format: "binary", description: "The file." }),
  })
  .meta({ id: "FileUpload" });

export const FileResponse = z
  .object({
    id: z.string(),
    kind: FileKindField,
    originalName: z.string(),
    storedName: z.string().meta({ description: "Renamed to the naming convention for a signed contract." }),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    uploadedAt: z.string(),
  })
  .meta({ id: "File" });
export const FileList = z.object({ items: z.array(FileResponse) }).meta({ id: "FileList" });

export const FileParams = z.object({ id: Id, fileId: Id });
