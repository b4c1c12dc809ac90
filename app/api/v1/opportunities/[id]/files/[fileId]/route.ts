import { apiRoute } from "@/src/http/api-route";
import { FileParams } from "@/src/schemas/files";
import { downloadFile } from "@/src/server/files/list-files";

export const GET = apiRoute({ params: FileParams }, async ({ actor, params }) => {
  const { file, bytes } = await downloadFile(actor, params.id, params.fileId);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": file.contentType,
      "content-length": String(bytes.length),
      "content-disposition": `attachment; filename="${file.storedName.replace(/"/g, "")}"`,
      "x-content-type-options": "nosniff",
    },
  });
});
