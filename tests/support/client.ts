// Requests as they reach the app through scripts/serve.mjs, which vouches for each connection's
// address (src/auth/client-address.ts): these name the client a test request comes from.
import crypto from "node:crypto";
import { PEER_HEADER, PEER_SECRET } from "@/src/auth/client-address";

const holder = globalThis as Record<symbol, unknown>;

/** The headers the app's server would set on a request from `address`, plus `headers`. */
export function fromClient(address: string, headers: Record<string, string> = {}): Record<string, string> {
  holder[PEER_SECRET] ??= crypto.randomBytes(32).toString("base64url");
  return { ...headers, [PEER_HEADER]: `${holder[PEER_SECRET] as string} ${address}` };
}
