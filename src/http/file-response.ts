/** A stored file as a download: its own content type, never rendered by the browser in our origin, never kept in a cache. */
export function fileResponse(file: { contentType: string; storedName: string }, bytes: Uint8Array): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": file.contentType,
      "content-length": String(bytes.length),
      "content-disposition": `attachment; filename="${file.storedName.replace(/"/g, "")}"`,
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    },
  });
}
