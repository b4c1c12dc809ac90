// Paging within a column: a keyset cursor on (close date, id), so every card shows exactly once, in
// a stable order, whatever moves or arrives between two pages.
import { beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/src/auth/actor";
import { AppError } from "@/src/errors";
import { compareCards, type BoardCard } from "@/src/server/board/board-card";
import { parseBoardFilters, type BoardFilters } from "@/src/server/board/board-filters";
import { PAGE_SIZE } from "@/src/server/board/card-pages";
import { getBoard, getColumnPage } from "@/src/server/board/get-board";
import { db } from "@/src/server/db";
import { actorOf, insertDeal } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createOrg, createUser } from "../../support/fixtures";

const NOW = new Date("2027-02-10T12:00:00Z");
const NO_FILTERS: BoardFilters = parseBoardFilters({});
const TOTAL = PAGE_SIZE + 2;

let seller: Actor;
let otherRep: Actor;
let manager: Actor;
let proposeIds: string[];

beforeAll(async () => {
  await ensureDefaults();
  const org = await createOrg();
  const user = await createUser({ role: "rep", teamId: org.team.id, name: "Pat Pager" });
  [seller, otherRep, manager] = await Promise.all([actorOf(user), actorOf(org.rep), actorOf(org.manager)]);
  proposeIds = [];
  // Three deals share each close date, so the id has to break ties; inserted out of order.
  for (let i = 0; i < TOTAL; i++) {
    const day = 1 + ((i * 7) % 9);
    proposeIds.push(
      await insertDeal(seller.id, {
        name: `Deal ${String(i).padStart(2, "0")}`,
        amount: 1_000 + i,
        closeDate: `2027-03-${String(day).padStart(2, "0")}`,
        stage: "propose",
      }),
    );
  }
  await insertDeal(seller.id, { name: "Early identify", amount: 500, closeDate: "2027-02-15", stage: "identify" });
  await insertDeal(seller.id, { name: "Won already", amount: 500, closeDate: "2027-03-30", stage: "closed_won", status: "won", closedAt: NOW });
  await insertDeal(org.rep.id, { name: "Someone else's", amount: 500, closeDate: "2027-03-01", stage: "propose" });
});

/** These deals in the order the board promises: close date, then id. */
const expectedOrder = async (ids: string[]) => {
  const rows = await db().opportunity.findMany({ where: { id: { in: ids } }, select: { id: true, closeDate: true } });
  return rows
    .map((r) => ({ id: r.id, closeDate: r.closeDate.toISOString().slice(0, 10) }))
    .sort(compareCards)
    .map((r) => r.id);
};

const propose = async (actor: Actor, filters: BoardFilters = NO_FILTERS) =>
  (await getBoard(actor, filters, NOW)).columns.find((c) => c.key === "propose")!;

async function readAll(actor: Actor, filters: BoardFilters = NO_FILTERS) {
  const first = await propose(actor, filters);
  const cards: BoardCard[] = [...first.cards];
  let cursor = first.nextCursor;
  let pages = 1;
  while (cursor) {
    const page = await getColumnPage(actor, filters, "propose", cursor, NOW);
    cards.push(...page.cards);
    cursor = page.nextCursor;
    pages++;
  }
  return { cards, pages, count: first.count };
}

describe("paging a column", () => {
  test("the first page holds PAGE_SIZE cards and a cursor; the column's count covers them all", async () => {
    const column = await propose(seller);
    expect(column.count).toBe(TOTAL);
    expect(column.cards).toHaveLength(PAGE_SIZE);
    expect(column.nextCursor).not.toBeNull();
    const identify = (await getBoard(seller, NO_FILTERS, NOW)).columns.find((c) => c.key === "identify")!;
    expect([identify.cards.map((c) => c.name), identify.nextCursor]).toEqual([["Early identify"], null]);
  });

  test("following the cursors reads every card once, soonest close date first, ties by id", async () => {
    const { cards, pages } = await readAll(seller);
    expect(pages).toBe(2);
    const ids = cards.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(await expectedOrder(proposeIds));
  });

  test("a page is cut at the same place however often it is read", async () => {
    const first = await propose(seller);
    const again = await propose(seller);
    expect(again.nextCursor).toBe(first.nextCursor);
    const a = await getColumnPage(seller, NO_FILTERS, "propose", first.nextCursor!, NOW);
    const b = await getColumnPage(seller, NO_FILTERS, "propose", first.nextCursor!, NOW);
    expect(a.cards.map((c) => c.id)).toEqual(b.cards.map((c) => c.id));
    expect([a.cards.length, a.nextCursor]).toEqual([TOTAL - PAGE_SIZE, null]);
  });

  test("filters apply to the later pages too", async () => {
    // Amounts are 1,000 + i: a maximum of 1,000 + PAGE_SIZE leaves PAGE_SIZE + 1 deals, one on page two.
    const filters = { ...NO_FILTERS, max: 1_000 + PAGE_SIZE };
    const { cards, pages, count } = await readAll(seller, filters);
    expect([count, cards.length, pages]).toEqual([PAGE_SIZE + 1, PAGE_SIZE + 1, 2]);
    expect(cards.every((c) => c.amount <= 1_000 + PAGE_SIZE)).toBe(true);
    const fewer = await propose(seller, { ...NO_FILTERS, max: 1_004 });
    expect([fewer.cards.length, fewer.nextCursor]).toEqual([5, null]);
  });

  test("a cursor does not open another rep's column; a manager pages through the team", async () => {
    const cursor = (await propose(seller)).nextCursor!;
    expect((await getColumnPage(otherRep, NO_FILTERS, "propose", cursor, NOW)).cards).toEqual([]);
    const { cards } = await readAll(manager);
    expect(cards).toHaveLength(TOTAL + 1);
    expect(cards.map((c) => c.name)).toContain("Someone else's");
  });

  test("a column that is not an open stage has no cards to page through, even with a won deal past the cursor", async () => {
    const cursor = (await propose(seller)).nextCursor!;
    for (const stage of ["closed_won", "no_such_stage"]) {
      expect(await getColumnPage(seller, NO_FILTERS, stage, cursor, NOW)).toEqual({ cards: [], nextCursor: null });
    }
  });

  test("moves and new deals between two pages neither repeat nor skip a card", async () => {
    const first = await propose(seller);
    const seen = first.cards.map((c) => c.id);
    const remaining = proposeIds.filter((id) => !seen.includes(id));
    // A card already read leaves the column, a deal lands before the cut, another after it.
    await db().opportunity.update({ where: { id: seen[3]! }, data: { stageKey: "negotiate" } });
    await insertDeal(seller.id, { name: "Late arrival, early date", amount: 1, closeDate: "2027-03-01", stage: "propose" });
    const later = await insertDeal(seller.id, { name: "Late arrival, late date", amount: 1, closeDate: "2027-03-20", stage: "propose" });
    const next = await getColumnPage(seller, NO_FILTERS, "propose", first.nextCursor!, NOW);
    expect(next.cards.map((c) => c.id)).toEqual(await expectedOrder([...remaining, later]));
    expect(next.cards.some((c) => seen.includes(c.id))).toBe(false);
  });
});

describe("a cursor that is not the board's", () => {
  const cursorOf = (text: string) => Buffer.from(text).toString("base64url");
  const refusal = (cursor: string) =>
    getColumnPage(seller, NO_FILTERS, "propose", cursor, NOW).then(
      () => "accepted",
      (e: unknown) => (e instanceof AppError ? e.code : `thrown: ${String(e)}`),
    );

  test.each([
    ["garbage", "not a cursor at all"],
    ["no id", cursorOf("2027-03-01")],
    ["an impossible date", cursorOf("2027-13-45|abc")],
    ["year zero, which PostgreSQL has no date for", cursorOf("0000-01-01|abc")],
    ["an id with a NUL", cursorOf("2027-03-01|ab\u0000c")],
  ])("%s is VALIDATION_FAILED", async (_, cursor) => {
    expect(await refusal(cursor)).toBe("VALIDATION_FAILED");
  });
});
