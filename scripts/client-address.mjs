// The one place the app learns a connection's address: Next's own `next start` passes the client's
// X-Forwarded-For through when it sent one, so any header may be forged. This wraps the request
// handler: it removes whatever value of the private header the client sent and sets it to the
// socket's address, after a secret made here at start and kept in this process's memory only. The
// app (src/auth/client-address.ts, which names the same header and symbol) believes the header only
// with that secret, so served any other way, a client-sent header is ignored.
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";

export const PEER_HEADER = "x-stageline-peer";
export const PEER_SECRET = Symbol.for("stageline.peerSecret");
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** The request being served, which the app's log reads (src/server/ops/log.ts names the same symbol). */
const REQUEST_CONTEXT = Symbol.for("stageline.requestContext");

/** Wraps a Node request handler so that each request carries its connection's address and a request id. */
export function withClientAddress(handle) {
  globalThis[PEER_SECRET] ??= crypto.randomBytes(32).toString("base64url");
  const secret = globalThis[PEER_SECRET];
  globalThis[REQUEST_CONTEXT] ??= new AsyncLocalStorage();
  const context = globalThis[REQUEST_CONTEXT];
  return (req, res) => {
    // Next reads req.headers; rawHeaders is cleaned too, for anything that reads the request as sent.
    delete req.headers[PEER_HEADER];
    req.rawHeaders = req.rawHeaders.filter((_, i, all) => all[i - (i % 2)].toLowerCase() !== PEER_HEADER);
    const address = req.socket.remoteAddress;
    if (address) {
      req.headers[PEER_HEADER] = `${secret} ${address}`;
      req.rawHeaders.push(PEER_HEADER, req.headers[PEER_HEADER]);
    }
    // One id per request, in every log line it causes and in its answer: a balancer's when sane.
    const given = req.headers["x-request-id"];
    const id = typeof given === "string" && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    req.headers["x-request-id"] = id;
    res.setHeader("X-Request-Id", id);
    return context.run({ requestId: id }, () => handle(req, res));
  };
}
