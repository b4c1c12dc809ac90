import { FileList, FileParams, FileResponse, UploadForm } from "../../schemas/files";
import { OpportunityParams } from "../../schemas/opportunities";
import { downloadFile, listFiles } from "../../server/files/list-files";
import { maxUploadBytes, uploadFile } from "../../server/files/upload-file";
import { apiRoute } from "../api-route";
import { fileResponse } from "../file-response";
import { WRITE_ERRORS } from "./write-errors";

const tag = "Files";

export const listFilesRoute = apiRoute(
  {
    method: "GET",
    path: "/opportunities/{id}/files",
    summary: "The deal's files, newest first.",
    tag,
    params: OpportunityParams,
    response: FileList,
    errors: ["NOT_FOUND"],
  },
  async ({ actor, params }) => listFiles(actor, params.id),
);

export const uploadFileRoute = apiRoute(
  {
    method: "POST",
    path: "/opportunities/{id}/files",
    summary: "Upload a file (multipart: kind, file). A signed contract is renamed to the naming convention.",
    tag,
    params: OpportunityParams,
    form: UploadForm,
    // Multipart adds a little around the file itself.
    maxBytes: () => maxUploadBytes() + 64 * 1024,
    response: FileResponse,
    status: 201,
    errors: WRITE_ERRORS,
  },
  async ({ actor, params, body: { kind, file } }) =>
    uploadFile(actor, params.id, { kind, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }),
);

export const downloadFileRoute = apiRoute(
  {
    method: "GET",
    path: "/opportunities/{id}/files/{fileId}",
    summary: "Download a file.",
    tag,
    params: FileParams,
    file: true,
    errors: ["NOT_FOUND"],
  },
  async ({ actor, params }) => {
    const { file, bytes } = await downloadFile(actor, params.id, params.fileId);
    return fileResponse(file, bytes);
  },
);
