// The CSV downloads of the dashboard and the board: the file, never stored by a cache, or the refusal in plain words
// with its status (401 signed out, 403 not allowed, 400 a bad filter).
import { AppError } from "@/src/errors";

export async function csvAnswer(make: () => Promise<{ body: string; fileName: string } | Response>): Promise<Response> {
  try {
    const made = await make();
    if (made instanceof Response) return made;
    const { body, fileName } = made;
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${fileName}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof AppError)
      return new Response(error.message, {
        status: error.status,
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      });
    throw error;
  }
}
