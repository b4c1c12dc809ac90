// The demo's teams have this quarter's targets (docs/rules/demo-data.md), so the dashboard's pipeline
// value factor has a goal to measure against from the first start.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { database, db } from "@/src/server/db";
import { DEMO_TEAMS } from "@/src/server/demo/demo-users";
import { seedDemoData } from "@/src/server/demo/seed-demo";
import { getMetrics } from "@/src/server/metrics/get-metrics";
import { ensureDefaultProcess } from "@/src/server/process/ensure-default-process";
import { actorOf } from "../../support/board";

// The demo's documents are written to the file storage: a folder of this test's own.
process.env.STORAGE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-demo-"));

const now = new Date("2026-11-15T12:00:00Z");

beforeAll(async () => {
  await database().transaction((tx) => ensureDefaultProcess(tx));
  await seedDemoData(database(), { now });
});

test("each demo team has its quarterly target for the quarter the demo was loaded in", async () => {
  const targets = await db().teamTarget.findMany({ include: { team: true } });
  expect(
    targets
      .map((t) => [t.team.name, t.periodFrom.toISOString().slice(0, 10), t.periodTo.toISOString().slice(0, 10), t.amountCents, t.currency])
      .sort(),
  ).toEqual(DEMO_TEAMS.map((t) => [t.name, "2026-10-01", "2026-12-31", t.targetCents, "USD"]).sort());
});

test("the demo manager's dashboard for the quarter measures the pipeline against the team's target", async () => {
  const manager = await db().user.findUniqueOrThrow({ where: { email: "manager@stageline.test" } });
  const m = await getMetrics(await actorOf(manager), { from: "2026-10-01", to: "2026-12-31" }, now);
  const enterprise = DEMO_TEAMS.find((t) => t.name === "Enterprise")!;
  expect(m.pipelineValueFactor.target).toBe(Number(enterprise.targetCents) / 100);
  expect(m.pipelineValueFactor.stages.some((s) => s.requiredPipeline !== null)).toBe(true);
});
