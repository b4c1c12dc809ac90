// How `npm run backup` reaches the running app. The embedded database is open in one process only
// (src/server/folder-lock.ts), so while the app runs only the app can copy it consistently. It listens
// on the loopback interface, on a port the system picks, and answers only a request that bears the
// random token it writes, with that port, into the database folder (mode 0600). Whoever can read that
// file can read the database folder anyway. Nothing of it is reachable through the app's own port.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { z } from "zod";

export const OPS_FILE = "stageline-ops.json";

export const OpsAddress = z.object({ pid: z.number().int(), port: z.number().int().min(1).max(65535), token: z.string().min(32) });
export type OpsAddress = z.infer<typeof OpsAddress>;

const sameToken = (given: string, token: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
};

/** Serves `POST /backup` (the gzipped data folder) for the database in `dir`; returns the function that stops it. */
export async function startOpsEndpoint(dir: string, snapshot: () => Promise<Blob>, onError: (error: unknown) => void): Promise<() => void> {
  const token = crypto.randomBytes(32).toString("base64url");
  const server = http.createServer((request, response) => {
    const answer = (status: number, text: string) => response.writeHead(status, { "content-type": "text/plain" }).end(`${text}\n`);
    if (request.method !== "POST" || request.url !== "/backup") return answer(404, "Not found.");
    if (!sameToken(request.headers.authorization ?? "", `Bearer ${token}`)) return answer(401, "Wrong or missing token.");
    snapshot()
      .then(async (blob) => {
        const bytes = Buffer.from(await blob.arrayBuffer());
        response.writeHead(200, { "content-type": "application/gzip", "content-length": bytes.length }).end(bytes);
      })
      .catch((error) => {
        onError(error);
        answer(500, `The backup failed: ${(error as Error).message}`);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  server.unref(); // never what keeps the process alive

  const file = path.join(dir, OPS_FILE);
  const address: OpsAddress = { pid: process.pid, port: (server.address() as AddressInfo).port, token };
  const temp = `${file}.${process.pid}.part`;
  fs.writeFileSync(temp, JSON.stringify(address), { mode: 0o600 });
  fs.renameSync(temp, file);

  const removeFile = () => {
    if (readOpsAddress(dir)?.token === token) fs.rmSync(file, { force: true });
  };
  process.once("exit", removeFile);
  return () => {
    process.off("exit", removeFile);
    removeFile();
    server.close();
  };
}

/** The running app's endpoint as it wrote it into `dir`, or null when there is none (or it is unreadable). */
export function readOpsAddress(dir: string): OpsAddress | null {
  try {
    return OpsAddress.parse(JSON.parse(fs.readFileSync(path.join(dir, OPS_FILE), "utf8")));
  } catch {
    return null;
  }
}
