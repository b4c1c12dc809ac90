// The board's process: the default one unless another is chosen, and a choice only among processes
// the actor has open deals on. Publishing a new default process must not hide the deals that still
// follow the old one.
import { beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/src/auth/actor";
import { parseBoardFilters } from "@/src/server/board/board-filters";
import { getBoard, getColumnPage } from "@/src/server/board/get-board";
import { publishProcess } from "@/src/server/process/manage-processes";
import { actorOf, insertDeal } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createOrg } from "../../support/fixtures";

let as: Record<"rep" | "teammate" | "manager" | "outsider", Actor>;
const NOW = new Date("2027-02-10T12:00:00Z");
const count = (board: Awaited<ReturnType<typeof getBoard>>) => board.columns.reduce((n, c) => n + c.count, 0);

beforeAll(async () => {
  await ensureDefaults();
  const org = await createOrg();
  as = {
    rep: await actorOf(org.rep),
    teammate: await actorOf(org.teammate),
    manager: await actorOf(org.manager),
    outsider: await actorOf(org.outsider),
  };
  // Standard B2B deals: the rep has two open and one lost, the teammate one lost only.
  const b2b = { amount: 10_000, closeDate: "2027-03-31" };
  await insertDeal(org.rep.id, { ...b2b, name: "Old A", stage: "identify" });
  await insertDeal(org.rep.id, { ...b2b, name: "Old B", stage: "propose" });
  await insertDeal(org.rep.id, { ...b2b, name: "Old lost", stage: "closed_lost", status: "lost", closedAt: NOW });
  await insertDeal(org.teammate.id, { ...b2b, name: "Teammate lost", stage: "closed_lost", status: "lost", closedAt: NOW });

  const admin = await actorOf(org.admin);
  await publishProcess(admin, { template: "customer_lifecycle", makeDefault: true });
  await insertDeal(org.rep.id, { name: "New C", amount: 5_000, closeDate: "2027-03-31", stage: "suspects" });
});

describe("the board's process", () => {
  test("with none chosen, the board shows the default process and offers the old one the rep still has deals on", async () => {
    const board = await getBoard(as.rep, parseBoardFilters({}), NOW);
    expect([board.processKey, board.processName]).toEqual(["customer_lifecycle", "Customer lifecycle"]);
    expect(board.columns[0]?.key).toBe("suspects");
    expect(count(board)).toBe(1);
    expect(board.processes).toEqual([
      { key: "customer_lifecycle", name: "Customer lifecycle", isDefault: true },
      { key: "standard_b2b", name: "Standard B2B", isDefault: false },
    ]);
  });

  test("choosing the old process shows its deals in its own columns", async () => {
    const board = await getBoard(as.rep, parseBoardFilters({ process: "standard_b2b" }), NOW);
    expect(board.processKey).toBe("standard_b2b");
    expect(board.columns.map((c) => [c.key, c.count])).toEqual([
      ["identify", 1],
      ["qualify", 0],
      ["propose", 1],
      ["negotiate", 0],
      ["finalize", 0],
    ]);
    expect(board.closed.find((c) => c.kind === "lost")?.count).toBe(1);
    expect(board.columns[0]?.cards.map((c) => c.name)).toEqual(["Old A"]);
  });

  test("only processes with open deals in the actor's view are offered", async () => {
    // The teammate's only Standard B2B deal is closed; the outsider has none; the manager sees the rep's.
    expect((await getBoard(as.teammate, parseBoardFilters({}), NOW)).processes.map((p) => p.key)).toEqual(["customer_lifecycle"]);
    expect((await getBoard(as.outsider, parseBoardFilters({}), NOW)).processes.map((p) => p.key)).toEqual(["customer_lifecycle"]);
    expect((await getBoard(as.manager, parseBoardFilters({}), NOW)).processes.map((p) => p.key)).toEqual(["customer_lifecycle", "standard_b2b"]);
  });

  test("a process key that does not exist falls back to the default process", async () => {
    const board = await getBoard(as.rep, parseBoardFilters({ process: "no_such_process" }), NOW);
    expect([board.processKey, count(board)]).toEqual(["customer_lifecycle", 1]);
  });

  test("choosing a process another rep's deals follow shows none of theirs", async () => {
    const board = await getBoard(as.outsider, parseBoardFilters({ process: "standard_b2b" }), NOW);
    expect([board.processKey, count(board)]).toEqual(["standard_b2b", 0]);
    // The process shown is always offered, so the picker shows it and can leave it.
    expect(board.processes.map((p) => p.key)).toEqual(["customer_lifecycle", "standard_b2b"]);
  });

  test("the next page of a column stays on the chosen process", async () => {
    const first = await getBoard(as.rep, parseBoardFilters({ process: "standard_b2b" }), NOW);
    expect(first.columns[0]?.nextCursor).toBeNull();
    // A cursor from before the first card: the page holds the old process's deal, not the new one's.
    const cursor = Buffer.from("1900-01-01|0").toString("base64url");
    const page = await getColumnPage(as.rep, parseBoardFilters({ process: "standard_b2b" }), "identify", cursor, NOW);
    expect(page.cards.map((c) => c.name)).toEqual(["Old A"]);
    const other = await getColumnPage(as.rep, parseBoardFilters({}), "suspects", cursor, NOW);
    expect(other.cards.map((c) => c.name)).toEqual(["New C"]);
  });
});
