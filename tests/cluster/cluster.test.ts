// The local production cluster (docs/deployment.md), started once for the file on ports of its own:
// nginx → two app instances → PgBouncer (transaction pooling) → PostgreSQL, and the outbox worker.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Cluster, isAlive, startCluster } from "@/scripts/cluster/cluster.mjs";
import { DEMO_PASSWORD, DEMO_USERS } from "@/src/server/demo/demo-users";
import { readMigrations } from "@/src/server/migrate";
import { callJson, signInWithBrowser } from "./http-client";

const PORTS = { http: 8580, apps: [8581, 8582], pgbouncer: 8532, postgres: 8533 };
let cluster: Cluster;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-cluster-"));
  cluster = await startCluster({ dir, ports: PORTS, log: () => undefined });
});

afterAll(async () => {
  await cluster?.stop();
});

const logLines = (name: "app-1" | "app-2" | "worker") =>
  fs
    .readFileSync(cluster.logFile(name), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { msg: string });

/** The upstream each request of nginx's access log went to, by request id. */
const upstreams = () =>
  new Map(
    fs
      .readFileSync(cluster.logFile("nginx"), "utf8")
      .trim()
      .split("\n")
      .map((line) => [line.split(" ")[1]!, /upstream=(\S+)/.exec(line)?.[1] ?? ""]),
  );

async function onPostgres<T>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: cluster.postgresUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

test("of two instances and a worker starting together, one applies the migrations and loads the demo data", async () => {
  const messages = (["app-1", "app-2", "worker"] as const).flatMap((name) => logLines(name).map((l) => ({ name, msg: l.msg })));
  const applied = messages.filter((m) => m.msg.startsWith("Applied "));
  expect(applied).toHaveLength(1);
  expect(applied[0]!.msg).toContain(`Applied ${readMigrations().length} migration(s)`);
  expect(messages.filter((m) => m.msg === "Loaded demo data.")).toHaveLength(1);
  expect(await onPostgres(`SELECT migration_name FROM "_prisma_migrations"`)).toHaveLength(readMigrations().length);
  const demoUsers = await onPostgres(`SELECT email FROM "User" WHERE email IN (${DEMO_USERS.map((u) => `'${u.email}'`).join(", ")})`);
  expect(demoUsers).toHaveLength(DEMO_USERS.length);
});

test("through nginx a user signs in, and an API token creates a deal and moves it", async () => {
  const session = await signInWithBrowser(cluster.url, "rep@stageline.test", DEMO_PASSWORD);
  expect(session.user?.email).toBe("rep@stageline.test");

  const { token } = (await callJson(cluster.url, "/api/v1/tokens", { body: { email: "rep@stageline.test", password: DEMO_PASSWORD } })).body;
  const created = await callJson(cluster.url, "/api/v1/opportunities", {
    token,
    body: { name: "Cluster rollout", accountName: "Loopback Ltd", amount: 1000, closeDate: "2027-03-31", buyingProcess: "IT reviews, CFO signs" },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as string;
  const criterion = await callJson(cluster.url, `/api/v1/opportunities/${id}/criteria/decision_maker_meeting`, {
    token,
    body: { satisfied: true, version: created.body.version },
  });
  expect(criterion.status, JSON.stringify(criterion.body)).toBeLessThan(300);
  const contacts = await callJson(cluster.url, `/api/v1/opportunities/${id}/contacts`, {
    token,
    method: "PUT",
    body: { version: criterion.body.opportunityVersion ?? criterion.body.version, contacts: [{ name: "Priya Nair", role: "decision_maker" }] },
  });
  expect(contacts.status, JSON.stringify(contacts.body)).toBe(200);
  const moved = await callJson(cluster.url, `/api/v1/opportunities/${id}/transitions`, {
    token,
    body: { toStage: "qualify", version: contacts.body.version },
  });
  expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  expect((await callJson(cluster.url, `/api/v1/opportunities/${id}`, { token })).body.stage).toBe("qualify");
});

test("nginx names each request by the client's X-Request-Id or its own, and both instances serve", async () => {
  const given = await fetch(`${cluster.url}/api/health`, { headers: { "x-request-id": "client-chosen-id-1" } });
  expect(given.headers.get("x-request-id")).toBe("client-chosen-id-1");
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) {
    const res = await fetch(`${cluster.url}/api/health`);
    await res.text();
    ids.push(res.headers.get("x-request-id") ?? "");
  }
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  // nginx writes a request's line once it has sent the whole answer, a moment after the client has it.
  await until(() => ids.every((id) => upstreams().has(id)), 5_000, "nginx's access log");
  const served = upstreams();
  expect(new Set(ids.map((id) => served.get(id)))).toEqual(new Set(PORTS.apps.map((p) => `127.0.0.1:${p}`)));
  expect(given.headers.get("server")).toBe("nginx");
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

test("an instance stopped with SIGTERM during traffic loses no request, and is taken back once it serves again", async () => {
  const { token } = (await callJson(cluster.url, "/api/v1/tokens", { body: { email: "rep@stageline.test", password: DEMO_PASSWORD } })).body;
  const stopped = cluster.pid("app-1")!;
  const prefix = `Load ${Date.now()}`;
  const failures: string[] = [];
  let created = 0;
  let reads = 0;
  let running = true;
  // Writes, which nginx never sends twice, and reads, four clients at once.
  const client = async (n: number) => {
    for (let i = 0; running; i++) {
      const write = await callJson(cluster.url, "/api/v1/opportunities", {
        token,
        body: { name: `${prefix} ${n}-${i}`, accountName: "Loopback Ltd", amount: 100, closeDate: "2027-03-31" },
      });
      if (write.status === 201) created++;
      else failures.push(`POST ${write.status} ${JSON.stringify(write.body)}`);
      const read = await callJson(cluster.url, `/api/v1/opportunities/${write.body.id}`, { token });
      if (read.status === 200) reads++;
      else failures.push(`GET ${read.status} ${JSON.stringify(read.body)}`);
    }
  };
  const clients = [0, 1, 2, 3].map(client);
  await sleep(1_500);
  process.kill(stopped, "SIGTERM");
  await until(() => !isAlive(stopped), 30_000, "the stopped instance to exit");
  await sleep(1_000);
  running = false;
  await Promise.all(clients);

  expect(failures).toEqual([]);
  expect(created).toBeGreaterThan(20);
  expect(reads).toBe(created);
  // Every write answered 201 was made once, and none answered otherwise was made.
  const rows = await onPostgres(`SELECT id FROM "Opportunity" WHERE name LIKE '${prefix} %'`);
  expect(rows).toHaveLength(created);
  const balancer = fs.readFileSync(cluster.logFile("balancer"), "utf8");
  expect(balancer).toContain(`${PORTS.apps[0]} not ready (503)`);
  // Out of the upstream before its listener closed: nginx never found it refusing a connection.
  expect(fs.readFileSync(path.join(cluster.dir, "nginx", "error.log"), "utf8")).not.toContain("Connection refused");

  // Started again, it is back in nginx's upstream once its /api/ready answers 200.
  cluster.startInstance(0);
  const upstream = path.join(cluster.dir, "nginx", "upstream.conf");
  await until(() => !fs.readFileSync(upstream, "utf8").includes("down"), 90_000, "the instance to be taken back");
});
