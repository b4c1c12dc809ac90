// With database.test.ts: each test file runs on a database of its own, so neither sees the other's
// rows even when both files run at the same time.
import { expect, test } from "vitest";
import { db } from "@/src/server/db";

test("a team created here is the only team in this file's database", async () => {
  await db().team.create({ data: { name: "isolation" } });
  expect(await db().team.findMany({ select: { name: true } })).toEqual([{ name: "isolation" }]);
});
