import type { IncomingMessage, ServerResponse } from "node:http";

export const PEER_HEADER: string;
export const PEER_SECRET: unique symbol;
export function withClientAddress(
  handle: (req: IncomingMessage, res: ServerResponse) => unknown,
): (req: IncomingMessage, res: ServerResponse) => unknown;
