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
/** Ids of requests whose page render met an unreachable database (src/server/ops/unreachable.ts). */
const UNREACHABLE = Symbol.for("stageline.databaseUnreachableRequests");

/** Wraps a Node request handler so that each request carries its connection's address and a request id. */
export function withClientAddress(handle) {
  globalThis[PEER_SECRET] ??= crypto.randomBytes(32).toString("base64url");
  const secret = globalThis[PEER_SECRET];
  globalThis[REQUEST_CONTEXT] ??= new AsyncLocalStorage();
  const context = globalThis[REQUEST_CONTEXT];
  globalThis[UNREACHABLE] ??= new Set();
  const unreachable = globalThis[UNREACHABLE];
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
    answerUnreachableAs503(res, id, unreachable);
    return context.run({ requestId: id }, () => handle(req, res));
  };
}

/**
 * A page whose render failed because the database could not be reached answers as the API does then:
 * 503 with Retry-After, a moment's absence rather than a failure of the app. The app marks such a
 * request by its id when Next reports the render's error (instrumentation.ts), which happens before
 * Next writes the error page's head; this turns that head's 500 into 503.
 */
function answerUnreachableAs503(res, id, unreachable) {
  const writeHead = res.writeHead;
  res.writeHead = function (status, ...rest) {
    if (status === 500 && unreachable.has(id)) {
      this.setHeader("Retry-After", "5");
      this.setHeader("Cache-Control", "no-store");
      // writeHead(status, [message], [headers]): a message written for 500 would contradict the status.
      const args = typeof rest[0] === "string" ? rest.slice(1) : rest;
      return writeHead.call(this, 503, ...args);
    }
    return writeHead.call(this, status, ...rest);
  };
  res.once("close", () => unreachable.delete(id));
}
