import { z } from "zod";
import { FILE_KINDS } from "../domain/process/types";
import { Id } from "./common";

export const FileKindField = z.enum(FILE_KINDS);

export const UploadForm = z
  .object({
    kind: FileKindField,
    file: z.string().meta({ format: "binary", description: "The file (multipart part)." }),
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
