// Runs before Next.js routes a request (and before its matching could fail on the path).
import { refuseUndecodablePath } from "@/src/http/undecodable-path";

export function proxy(req: Request): Response | undefined {
  return refuseUndecodablePath(req) ?? undefined;
}

export const config = {
  // Only paths with a percent-escape that may not decode: a byte above 0x7f, or a malformed one.
  // The proxy reads the whole body of each request it sees (Next.js buffers it for the route, up to
  // 10 MB), so it is kept off ordinary API writes and uploads, whose limits are read as a stream.
  matcher: ["/:path(.*%(?:[89a-fA-F]|[0-9a-fA-F]?(?![0-9a-fA-F])).*)"],
};
