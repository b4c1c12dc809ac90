// The HTTP bench's move and its report (bench/http-move.ts, bench/report.mjs): a move against a real
// HTTP server that answers as scripted; anything but 2xx or a 409 conflict fails the bench.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { moveOverHttp } from "@/bench/http-move";
import { clusterTable } from "@/bench/report.mjs";
import type { Client } from "@/bench/workload";

type Seen = { method?: string; url?: string; authorization?: string; body: any };
const seen: Seen[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: {} };
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body: JSON.parse(text) });
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = (stage: string, version: number): Client => ({ actorId: "u1", token: "tok-1", deals: [{ id: "d1", stage, version }], next: 0 });

test("a 200 is a move: the deal takes the answer's stage and version", async () => {
  const c = client("identify", 3);
  answer = { status: 200, body: { stage: "qualify", version: 4 } };
  expect(await moveOverHttp(url)(c, c.deals[0]!)).toBe("moved");
  expect(c.deals[0]).toEqual({ id: "d1", stage: "qualify", version: 4 });
  expect(seen.at(-1)).toEqual({
    method: "POST",
    url: "/api/v1/opportunities/d1/transitions",
    authorization: "Bearer tok-1",
    body: { toStage: "qualify", version: 3 },
  });
});

test("from the last open stage the move goes back to the first, with a reason", async () => {
  const c = client("finalize", 9);
  answer = { status: 200, body: { stage: "identify", version: 10 } };
  expect(await moveOverHttp(url)(c, c.deals[0]!)).toBe("moved");
  expect(seen.at(-1)!.body).toEqual({ toStage: "identify", reason: "Benchmark cycle: start over", version: 9 });
});

test("a 409 is a conflict: the deal takes the current version, its stage unchanged", async () => {
  const c = client("propose", 5);
  answer = { status: 409, body: { error: { code: "VERSION_CONFLICT", details: { currentVersion: 7 } } } };
  expect(await moveOverHttp(url)(c, c.deals[0]!)).toBe("conflict");
  expect(c.deals[0]).toEqual({ id: "d1", stage: "propose", version: 7 });
});

test("any other answer fails the bench, naming the status and the body", async () => {
  for (const status of [500, 502, 429, 422, 401]) {
    const c = client("identify", 1);
    answer = { status, body: { error: { code: `E${status}` } } };
    await expect(moveOverHttp(url)(c, c.deals[0]!)).rejects.toThrow(new RegExp(`answered ${status} .*E${status}`));
    expect(c.deals[0]).toEqual({ id: "d1", stage: "identify", version: 1 });
  }
  // A 409 without the current version is no conflict the bench understands.
  const c = client("identify", 1);
  answer = { status: 409, body: { error: { code: "OTHER" } } };
  await expect(moveOverHttp(url)(c, c.deals[0]!)).rejects.toThrow(/answered 409/);
});

test("a server that is not there fails the bench", async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const c = client("identify", 1);
  await expect(moveOverHttp(`http://127.0.0.1:${port}`)(c, c.deals[0]!)).rejects.toThrow();
});

test("the report compares each topology with the direct instance at the same number of clients", () => {
  const cpu = { app: 5, nginx: 0.4, pgbouncer: 0.6, postgres: 3 };
  const cell = (topology: string, instances: number, concurrency: number, movesPerSecond: number) => ({
    topology,
    instances,
    concurrency,
    movesPerSecond,
    p50Ms: 10,
    p95Ms: 20,
    conflicts: 0,
    serverCpuMsPerMove: cpu,
  });
  const table = clusterTable({
    version: "15.18",
    cells: [
      cell("direct", 1, 1, 50),
      cell("direct", 1, 10, 200),
      cell("nginx-2", 2, 1, 40),
      cell("nginx-2", 2, 10, 250),
      cell("nginx-1", 1, 10, 100),
    ],
  });
  const rows = table
    .split("\n")
    .slice(2)
    .map((line) => line.split(" | ").map((cellText) => cellText.replace(/^\| |\s\|$/g, "")));
  // By clients, then direct, one instance, two instances.
  expect(rows.map((r) => [r[1], r[2], r[3], r[4], r[7]])).toEqual([
    ["direct (no nginx, no PgBouncer)", "1", "1", "50.0", "1.00"],
    ["nginx → PgBouncer", "2", "1", "40.0", "0.80"],
    ["direct (no nginx, no PgBouncer)", "1", "10", "200.0", "1.00"],
    ["nginx → PgBouncer", "1", "10", "100.0", "0.50"],
    ["nginx → PgBouncer", "2", "10", "250.0", "1.25"],
  ]);
  expect(rows[0]![9]).toBe("5.0 / – / – / 3.0");
  expect(rows[1]![9]).toBe("5.0 / 0.4 / 0.6 / 3.0");
});
