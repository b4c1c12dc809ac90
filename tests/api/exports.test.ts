// The CSV exports in the Stageline format (docs/rules/import.md, "Exporting deals"): the board as
// filtered (/board/export), the deals list (GET /api/v1/opportunities with Accept: text/csv) and the
// dashboard's lists; each holds exactly the deals its JSON or page shows the caller, protects cells
// that start like a formula, and imports back with every row unchanged and nothing written.
import Papa from "papaparse";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { GET as exportBoard } from "@/app/board/export/route";
import * as dealsRoute from "@/app/api/v1/metrics/deals/route";
import * as imports from "@/app/api/v1/imports/route";
import * as opportunities from "@/app/api/v1/opportunities/route";
import { parseBoardFilters } from "@/src/server/board/board-filters";
import { getBoard } from "@/src/server/board/get-board";
import { db } from "@/src/server/db";
import { fromCalendarDate } from "@/src/domain/dates";
import { stagelineCsvChunks } from "@/src/server/exports/stageline-csv";
import { signInAs, signOut } from "../support/action-session";
import { actorOf, insertDeal } from "../support/board";
import { ensureDefaults } from "../support/deals";
import { createOrg, type TestUser } from "../support/fixtures";
import { type CallResult, call } from "../support/http";

vi.mock("next/headers", async () => (await import("../support/action-session")).nextHeaders);

/** The import's Stageline columns, written out here: an export that drifts from them fails. */
const COLUMNS = ["id", "name", "accountName", "amount", "currency", "closeDate", "stage", "ownerEmail", "owner", "type", "nextStep", "nextStepDue"];

let org: Awaited<ReturnType<typeof createOrg>>;
const ids: Record<string, string> = {};
const today = new Date().toISOString().slice(0, 10);
const closedAt = new Date();

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  const longAgo = new Date(Date.now() - 60 * 86_400_000);
  const deals: [string, TestUser, Parameters<typeof insertDeal>[1]][] = [
    [
      "plain",
      org.rep,
      {
        name: "Plain deal",
        accountName: 'Acme, "the" company',
        amount: 1234.5,
        currency: "EUR",
        closeDate: "2027-03-31",
        stage: "qualify",
        nextStep: "Call back\nabout the price",
        nextStepDue: "2027-01-15",
        type: "expansion",
      },
    ],
    ["hyperlink", org.rep, { name: '=HYPERLINK("http://evil.example","click")', amount: 500, closeDate: "2027-02-01", stage: "identify" }],
    ["plus", org.rep, { name: "+1 555 0100", accountName: "@SUM(A1:A9)", amount: 10_000, closeDate: "2027-02-01", stage: "propose" }],
    ["minus", org.rep, { name: "-foo", accountName: "Minus Corp", amount: 0, closeDate: "2027-02-01", stage: "identify", nextStep: "-2 days" }],
    ["quoted", org.rep, { name: "'=already quoted", accountName: "'Apostrophe' Ltd", amount: 42, closeDate: "2027-02-01", stage: "identify" }],
    ["stalled", org.rep, { name: "Stalled deal", amount: 3_000, closeDate: "2027-02-01", stage: "identify", stageEnteredAt: longAgo }],
    ["teammate", org.teammate, { name: "Teammate deal", amount: 7_000, closeDate: "2027-02-01", stage: "negotiate" }],
    ["outsider", org.outsider, { name: "Outsider deal", amount: 9_000, closeDate: "2027-02-01", stage: "identify" }],
    ["won", org.rep, { name: "Won deal", amount: 20_000, closeDate: today, stage: "closed_won", status: "won", closedAt }],
  ];
  for (const [key, owner, spec] of deals) ids[key] = await insertDeal(owner.id, spec);
  // What the dashboard's other lists read: the stages a deal went through, a loss with its analysis,
  // and a pushed close date.
  ids.lost = await insertDeal(org.rep.id, { name: "Lost deal", amount: 8_000, closeDate: today, stage: "closed_lost", status: "lost", closedAt });
  await db().opportunity.update({
    where: { id: ids.lost },
    data: { lostReasonCategory: "price", lostCompetitor: "none", lostMissingFunctionality: "none" },
  });
  const entered = (id: string, stages: string[]) =>
    db().historyEntry.createMany({
      data: stages.map((toStage, i) => ({
        opportunityId: id,
        type: i === 0 ? "created" : "stage_changed",
        toStage,
        at: new Date(closedAt.getTime() - (stages.length - i) * 86_400_000),
      })),
    });
  await entered(ids.won!, ["identify", "qualify", "propose", "negotiate", "finalize", "closed_won"]);
  await entered(ids.lost, ["identify", "qualify", "closed_lost"]);
  await db().closeDateChange.create({
    data: {
      opportunityId: ids.teammate!,
      oldDate: fromCalendarDate("2027-01-10"),
      newDate: fromCalendarDate("2027-02-01"),
      slipDays: 22,
      changedAt: closedAt,
    },
  });
});

const parse = (csv: string) => {
  const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed;
};
const idsOf = (csv: string) => parse(csv).data.map((r) => r.id!);
const sorted = (list: string[]) => [...list].sort();

const listCsv = (token: string, query = "") =>
  call(opportunities.GET, { token, path: `/api/v1/opportunities${query ? `?${query}` : ""}`, headers: { accept: "text/csv" } });

/** Every id of the JSON list, all pages. */
async function listJsonIds(token: string, query = ""): Promise<string[]> {
  const all: string[] = [];
  let cursor: string | null = null;
  do {
    const q: string = [query, "limit=2", cursor ? `cursor=${encodeURIComponent(cursor)}` : ""].filter(Boolean).join("&");
    const res: CallResult = await call(opportunities.GET, { token, path: `/api/v1/opportunities?${q}` });
    expect(res.status).toBe(200);
    all.push(...res.body.items.map((o: { id: string }) => o.id));
    cursor = res.body.nextCursor;
  } while (cursor);
  return all;
}

const boardCsv = (query = "") => exportBoard(new Request(`http://localhost/board/export${query ? `?${query}` : ""}`));

async function importBack(token: string, csv: string) {
  const form = new FormData();
  form.set("file", new Blob([csv], { type: "text/csv" }), "export.csv");
  form.set("source", "stageline");
  form.set("dryRun", "false");
  const req = new Request("http://localhost/api/v1/imports", { method: "POST", body: form, headers: { authorization: `Bearer ${token}` } });
  const res = await imports.POST(req, { params: Promise.resolve({}) });
  return { status: res.status, body: await res.json() };
}

/** Every deal's version and history, to show an import wrote nothing. */
const snapshot = async () => ({
  deals: await db().opportunity.findMany({ select: { id: true, version: true, updatedAt: true }, orderBy: { id: "asc" } }),
  history: await db().historyEntry.count(),
  closeDateChanges: await db().closeDateChange.count(),
});

describe("GET /api/v1/opportunities with Accept: text/csv", () => {
  test("the Stageline columns, a dated file name, newest first, every page whatever the limit and cursor", async () => {
    const res = await listCsv(org.admin.token, "limit=1");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="stageline-opportunities-${today}.csv"`);
    const parsed = parse(res.body);
    expect(parsed.meta.fields).toEqual(COLUMNS);
    expect(idsOf(res.body)).toEqual(await listJsonIds(org.admin.token));
    expect(idsOf(res.body)).toHaveLength(Object.keys(ids).length);
    const plain = parsed.data.find((r) => r.id === ids.plain);
    expect(plain).toEqual({
      id: ids.plain,
      name: "Plain deal",
      accountName: 'Acme, "the" company',
      amount: "1234.5",
      currency: "EUR",
      closeDate: "2027-03-31",
      stage: "qualify",
      ownerEmail: org.rep.email,
      owner: expect.any(String),
      type: "expansion",
      nextStep: "Call back\nabout the price",
      nextStepDue: "2027-01-15",
    });
    // Without Accept: text/csv, still the JSON page.
    const json = await call(opportunities.GET, { token: org.admin.token, path: "/api/v1/opportunities?limit=1" });
    expect(json.body.items).toHaveLength(1);
  });

  test.each(["rep", "manager", "admin", "outsider", "finance"] as const)("a %s gets exactly the deals of their JSON list", async (who) => {
    const res = await listCsv(org[who].token);
    expect(res.status).toBe(200);
    expect(sorted(idsOf(res.body))).toEqual(sorted(await listJsonIds(org[who].token)));
  });

  test("who sees which deals", async () => {
    const of = async (token: string) => new Set(idsOf((await listCsv(token)).body));
    const rep = await of(org.rep.token);
    expect(rep.has(ids.plain!)).toBe(true);
    expect(rep.has(ids.outsider!)).toBe(false);
    const manager = await of(org.manager.token);
    expect(manager.has(ids.teammate!)).toBe(true);
    expect(manager.has(ids.outsider!)).toBe(false);
    expect((await of(org.admin.token)).has(ids.outsider!)).toBe(true);
  });

  test.each([
    ["status=won", ["won"]],
    ["stage=identify", ["hyperlink", "minus", "quoted", "stalled"]],
    ["ownerId=TEAMMATE", ["teammate"]],
  ])("the JSON list's filters: %s", async (query, expected) => {
    const q = query.replace("TEAMMATE", org.teammate.id);
    const res = await listCsv(org.manager.token, q);
    expect(sorted(idsOf(res.body))).toEqual(sorted(expected.map((k) => ids[k]!)));
    expect(sorted(idsOf(res.body))).toEqual(sorted(await listJsonIds(org.manager.token, q)));
  });

  test("a bad filter is 400, no credentials 401, as for the JSON", async () => {
    expect((await listCsv(org.admin.token, "status=maybe")).status).toBe(400);
    expect((await call(opportunities.GET, { path: "/api/v1/opportunities", headers: { accept: "text/csv" } })).status).toBe(401);
  });

  test("read a page at a time, every deal comes once", async () => {
    let csv = "";
    for await (const chunk of stagelineCsvChunks({}, 2)) csv += chunk;
    const all = idsOf(csv);
    expect(all).toHaveLength(Object.keys(ids).length);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe("formula protection", () => {
  test("a cell starting with =, +, -, @ (or ' before one) gets one ' more; amounts and plain text do not", async () => {
    const rows = parse((await listCsv(org.admin.token)).body).data;
    const row = (key: string) => rows.find((r) => r.id === ids[key])!;
    expect(row("hyperlink").name).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(row("plus").name).toBe("'+1 555 0100");
    expect(row("plus").accountName).toBe("'@SUM(A1:A9)");
    expect(row("minus")).toMatchObject({ name: "'-foo", nextStep: "'-2 days", amount: "0" });
    expect(row("quoted")).toMatchObject({ name: "''=already quoted", accountName: "'Apostrophe' Ltd" });
    expect(row("plain")).toMatchObject({ name: "Plain deal", amount: "1234.5" });
  });

  test("a next step led by a tab or a carriage return is protected too", async () => {
    const tab = await insertDeal(org.rep.id, { name: "Tab note", amount: 1, closeDate: "2027-02-01", stage: "identify", nextStep: "\tcall" });
    const cr = await insertDeal(org.rep.id, { name: "CR note", amount: 1, closeDate: "2027-02-01", stage: "identify", nextStep: "\rcall" });
    try {
      const rows = parse((await listCsv(org.rep.token)).body).data;
      expect(rows.find((r) => r.id === tab)?.nextStep).toBe("'\tcall");
      expect(rows.find((r) => r.id === cr)?.nextStep).toBe("'\rcall");
    } finally {
      await db().opportunity.deleteMany({ where: { id: { in: [tab, cr] } } });
    }
  });
});

describe("the board's CSV (/board/export)", () => {
  /** What the board shows for these filters: its cards when they all fit on the first page, and its count. */
  async function boardOf(user: TestUser, query: string) {
    const board = await getBoard(await actorOf(user), parseBoardFilters(Object.fromEntries(new URLSearchParams(query))));
    return { cards: board.columns.flatMap((c) => c.cards.map((card) => card.id)), count: board.columns.reduce((n, c) => n + c.count, 0) };
  }

  test.each([
    ["manager", ""],
    ["manager", "q=deal"],
    ["manager", "stalled=1"],
    ["manager", "owner=TEAMMATE"],
    ["manager", "min=1000&max=9000"],
    ["rep", ""],
    ["rep", "owner=mine&q=foo"],
    ["admin", ""],
    ["outsider", ""],
  ] as const)("%s, filters %s: exactly the board's open deals", async (who, raw) => {
    const query = raw.replace("TEAMMATE", org.teammate.id);
    await signInAs(org[who]);
    const res = await boardCsv(query);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="stageline-board-${today}.csv"`);
    const csv = await res.text();
    expect(parse(csv).meta.fields).toEqual(COLUMNS);
    const board = await boardOf(org[who], query);
    expect(sorted(idsOf(csv))).toEqual(sorted(board.cards));
    expect(idsOf(csv)).toHaveLength(board.count);
    expect(idsOf(csv)).not.toContain(ids.won);
  });

  test("the filters narrow as on the board", async () => {
    await signInAs(org.manager);
    expect(idsOf(await (await boardCsv("stalled=1")).text())).toEqual([ids.stalled]);
    expect(idsOf(await (await boardCsv(`owner=${org.teammate.id}`)).text())).toEqual([ids.teammate]);
    expect(sorted(idsOf(await (await boardCsv("q=foo")).text()))).toEqual([ids.minus]);
  });

  test("every matching deal, not only the first page of cards", async () => {
    const bulk: string[] = [];
    for (let i = 0; i < 30; i += 1)
      bulk.push(await insertDeal(org.teammate.id, { name: `Bulk ${i}`, amount: 100 + i, closeDate: "2027-02-01", stage: "identify" }));
    try {
      await signInAs(org.manager);
      const csv = await (await boardCsv("q=Bulk")).text();
      expect(sorted(idsOf(csv))).toEqual(sorted(bulk));
      const board = await boardOf(org.manager, "q=Bulk");
      expect(board.cards.length).toBeLessThan(30);
      expect(board.count).toBe(30);
    } finally {
      await db().opportunity.deleteMany({ where: { id: { in: bulk } } });
    }
  });

  test("signed out: 401, no file", async () => {
    signOut();
    const res = await boardCsv();
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
  });
});

describe("the dashboard's lists", () => {
  test("the Stageline columns first, then the list's own", async () => {
    const res = await call(dealsRoute.GET, {
      token: org.manager.token,
      path: `/api/v1/metrics/deals?figure=won&from=${today}&to=${today}`,
      headers: { accept: "text/csv" },
    });
    expect(res.status).toBe(200);
    const parsed = parse(res.body);
    expect(parsed.meta.fields).toEqual([...COLUMNS, "stageName", "status", "closedAt"]);
    expect(parsed.data.map((r) => r.id)).toEqual([ids.won]);
    expect(parsed.data[0]).toMatchObject({ stage: "closed_won", status: "won", ownerEmail: org.rep.email });
  });

  // Every number of the dashboard opens a list, and every list downloads: the same deals as the list.
  test.each([
    ["won", ""],
    ["lost", ""],
    ["open_due", ""],
    ["qualified", ""],
    ["reached", "&stage=identify"],
    ["reached_won", "&stage=identify"],
    ["balance", "&stage=identify"],
    ["forecast", "&category=pipeline"],
    ["open", ""],
    ["integrity", "&kind=any"],
    ["loss_category", "&name=price"],
    ["loss_competitor", "&name=none"],
    ["loss_missing", "&name=none"],
    ["slippage", ""],
    ["size", "&kind=pebble"],
    ["movement", `&kind=now&since=${today}`],
  ])("figure=%s%s: the list's deals, the Stageline columns first", async (figure, more) => {
    const path = `/api/v1/metrics/deals?figure=${figure}${more}&from=2024-01-01&to=2030-12-31&limit=200`;
    const list = await call(dealsRoute.GET, { token: org.manager.token, path });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.items.length, "the fixture puts deals behind every list").toBeGreaterThan(0);
    const res = await call(dealsRoute.GET, { token: org.manager.token, path, headers: { accept: "text/csv" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const parsed = parse(res.body);
    expect(parsed.meta.fields!.slice(0, COLUMNS.length)).toEqual(COLUMNS);
    expect(parsed.data.map((r) => r.id).sort()).toEqual(list.body.items.map((d: { id: string }) => d.id).sort());
  });
});

describe("a round trip: export, import the file back, nothing changes", () => {
  test.each([
    ["the deals list, as an admin", "admin", () => listCsv(org.admin.token).then((r) => r.body as string)],
    [
      "the board, as a manager",
      "manager",
      async () => {
        await signInAs(org.manager);
        return (await boardCsv()).text();
      },
    ],
    ["the deals list, as a rep", "rep", () => listCsv(org.rep.token).then((r) => r.body as string)],
    [
      "a dashboard list, as a manager",
      "manager",
      () =>
        call(dealsRoute.GET, {
          token: org.manager.token,
          path: `/api/v1/metrics/deals?figure=won&from=${today}&to=${today}`,
          headers: { accept: "text/csv" },
        }).then((r) => r.body as string),
    ],
  ] as const)("%s: every row unchanged, no version, no history", async (_, who, exportCsv) => {
    const csv = await exportCsv();
    const rows = idsOf(csv).length;
    expect(rows).toBeGreaterThan(0);
    const before = await snapshot();
    const { status, body } = await importBack(org[who].token, csv);
    expect(status).toBe(200);
    expect(body).toMatchObject({ created: 0, updated: 0, refused: 0, unchanged: rows });
    expect(body.rows.map((r: { outcome: string }) => r.outcome)).toEqual(Array(rows).fill("unchanged"));
    expect(body.rows.map((r: { id: string }) => r.id)).toEqual(idsOf(csv));
    expect(await snapshot()).toEqual(before);
  });

  test("the same file with a name changed updates that deal only, its name read without the protecting '", async () => {
    const csv = (await listCsv(org.admin.token)).body as string;
    const edited = csv.replace("'-foo", "'-foo bar");
    const { body } = await importBack(org.admin.token, edited);
    expect(body).toMatchObject({ updated: 1, refused: 0, created: 0 });
    expect((await db().opportunity.findUniqueOrThrow({ where: { id: ids.minus } })).name).toBe("-foo bar");
    await db().opportunity.update({ where: { id: ids.minus }, data: { name: "-foo" } });
  });
});
