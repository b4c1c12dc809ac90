// POST /api/v1/imports with files shaped as Salesforce, HubSpot and European spreadsheets write them
// (docs/rules/import.md): default mappings, bad rows, dry runs, re-imports, roles, limits, history.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { sql } from "kysely";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import * as imports from "@/app/api/v1/imports/route";
import * as historyRoute from "@/app/api/v1/opportunities/[id]/history/route";
import * as opportunity from "@/app/api/v1/opportunities/[id]/route";
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import { ImportProgressLine, ImportReport } from "@/src/schemas/imports";
import { streamProgress } from "@/src/http/routes/imports";
import { AppError } from "@/src/errors";
import { SIX_STEPS } from "@/src/domain/process/templates/six-steps";
import { database, db } from "@/src/server/db";
import { publishProcessVersion } from "@/src/server/process/publish-process";
import { WEBHOOK_EVENTS } from "@/src/schemas/webhooks";
import { createWebhook } from "@/src/server/webhooks/endpoints";
import { call } from "../support/http";
import { createOrg, createUser, type TestUser } from "../support/fixtures";
import { createDeal, currentVersion, ensureDefaults, satisfyStages } from "../support/deals";
import { actorOf, insertDeal } from "../support/board";
import { insertApprovalRequest } from "../support/approvals";

let org: Awaited<ReturnType<typeof createOrg>>;
let rita: TestUser; // a rep on the manager's team, named uniquely: Salesforce exports owners by name
let otto: TestUser; // a rep on another team
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  rita = await createUser({ role: "rep", teamId: org.team.id, name: "Rita Rep" });
  otto = await createUser({ role: "rep", teamId: org.otherTeam.id, name: "Otto Outsider" });
});

const ENV = { ...process.env };
afterEach(() => {
  process.env.IMPORT_MAX_ROWS = ENV.IMPORT_MAX_ROWS;
  process.env.IMPORT_MAX_BYTES = ENV.IMPORT_MAX_BYTES;
  if (ENV.IMPORT_MAX_ROWS === undefined) delete process.env.IMPORT_MAX_ROWS;
  if (ENV.IMPORT_MAX_BYTES === undefined) delete process.env.IMPORT_MAX_BYTES;
});

type Fields = { source?: string; dryRun?: boolean | string; mapping?: unknown };

async function importFile(token: string, file: string | Uint8Array, fields: Fields = {}) {
  const form = new FormData();
  form.set("file", new Blob([file as BlobPart], { type: "text/csv" }), "export.csv");
  if (fields.source !== undefined || !("source" in fields)) form.set("source", fields.source ?? "salesforce");
  form.set("dryRun", String(fields.dryRun ?? false));
  if (fields.mapping !== undefined) form.set("mapping", typeof fields.mapping === "string" ? fields.mapping : JSON.stringify(fields.mapping));
  const req = new Request("http://localhost/api/v1/imports", { method: "POST", body: form, headers: { authorization: `Bearer ${token}` } });
  const res = await imports.POST(req, { params: Promise.resolve({}) });
  const body = await res.json();
  // The answer is exactly what the document describes.
  if (res.status === 200) expect(ImportReport.strict().parse(body)).toEqual(body);
  return { status: res.status, body };
}

/** A CSV line, every cell quoted as Salesforce writes them. */
const line = (cells: string[], sep = ",") => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(sep);
const id = () => crypto.randomUUID().slice(0, 8);
const dealBy = (source: string, externalId: string) =>
  db().opportunity.findUniqueOrThrow({ where: { externalSource_externalId: { externalSource: source, externalId } } });
const counts = async () => ({
  deals: await db().opportunity.count(),
  history: await db().historyEntry.count(),
  changes: await db().closeDateChange.count(),
});

const SF_HEADER = ["Opportunity ID", "Opportunity Name", "Account Name", "Amount", "Close Date", "Stage", "Opportunity Owner", "Type", "Next Step"];

/** A Salesforce report export: a byte order mark, CRLF line ends, quoted cells, good and bad rows. */
function salesforceExport(ids: string[], owner = "Rita Rep") {
  const [a, b, c, d, e, f, g, h] = ids;
  const rows = [
    SF_HEADER,
    [
      a!,
      "Acme renewal",
      "Acme, Inc.",
      "$1,234,567.50",
      "3/31/2027",
      "Negotiation/Review",
      owner,
      "Existing Customer - Upgrade",
      'Send the "final" quote\r\nthen call',
    ],
    [b!, "Globex pilot", "Globex", "12000", "12/1/2026", "Prospecting", otto.email, "New Customer", ""],
    [c!, "Initech seats", "Initech", "25,000.00", "1/15/2026", "Closed Won", owner, "New Customer", ""],
    [d!, "Bad amount", "Umbrella", "12,34,5", "3/31/2027", "Prospecting", owner, "New Customer", ""],
    [e!, "Unknown owner", "Umbrella", "100", "3/31/2027", "Prospecting", "Nobody Here", "New Customer", ""],
    [f!, "Unknown stage", "Umbrella", "100", "3/31/2027", "Perception Limbo", owner, "New Customer", ""],
    [g!, "Bad date", "Umbrella", "100", "2/30/2027", "Prospecting", owner, "New Customer", ""],
    [h!, "", "Umbrella", "100", "3/31/2027", "Prospecting", owner, "New Customer", ""],
  ];
  return `\ufeff${rows.map((r) => line(r)).join("\r\n")}\r\n`;
}

describe("a Salesforce export (BOM, CRLF, quoted fields with newlines)", () => {
  const ids = Array.from({ length: 8 }, () => `006${id()}`);
  const file = () => salesforceExport(ids);

  test("a dry run reports every row's outcome and errors, and writes nothing", async () => {
    const before = await counts();
    const res = await importFile(org.admin.token, file(), { dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: "salesforce", dryRun: true, created: 3, updated: 0, unchanged: 0, refused: 5 });
    expect(res.body.note).toMatch(/in their stage as data.*imported.*no exit criteria/);
    expect(res.body.rows.map((r: any) => [r.row, r.outcome])).toEqual([
      [2, "created"],
      [3, "created"],
      [4, "created"],
      [5, "refused"],
      [6, "refused"],
      [7, "refused"],
      [8, "refused"],
      [9, "refused"],
    ]);
    const errors = Object.fromEntries(res.body.rows.filter((r: any) => r.errors).map((r: any) => [r.row, r.errors]));
    expect(errors[5]).toEqual([{ field: "amount", message: expect.stringContaining("not an amount") }]);
    expect(errors[6]).toEqual([{ field: "owner", message: expect.stringContaining('unknown owner "Nobody Here"') }]);
    expect(errors[7]).toEqual([{ field: "stage", message: expect.stringContaining('unknown stage "Perception Limbo"') }]);
    expect(errors[8]).toEqual([{ field: "closeDate", message: expect.stringContaining("not a date in the calendar") }]);
    expect(errors[9]).toEqual([{ field: "name", message: "missing" }]);
    // What a mapping should name, once per value with its rows.
    expect(res.body.unknownStages).toEqual([{ value: "Perception Limbo", rows: 1 }]);
    expect(res.body.unknownOwners).toEqual([{ value: "Nobody Here", rows: 1 }]);
    expect(await counts()).toEqual(before);
  });

  test("the import creates the good rows in their stage, as data, with an imported history entry", async () => {
    const res = await importFile(org.admin.token, file());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, created: 3, updated: 0, unchanged: 0, refused: 5 });
    const acme = await dealBy("salesforce", ids[0]!);
    expect(acme).toMatchObject({
      name: "Acme renewal",
      accountName: "Acme, Inc.",
      amountCents: 123456750n,
      currency: "USD",
      stageKey: "negotiate",
      status: "open",
      ownerId: rita.id,
      type: "expansion",
      nextStep: 'Send the "final" quote\r\nthen call',
      version: 1,
    });
    expect(acme.closeDate.toISOString().slice(0, 10)).toBe("2027-03-31");
    expect(res.body.rows[0]).toEqual({ row: 2, outcome: "created", id: acme.id, externalId: ids[0] });
    expect((await dealBy("salesforce", ids[1]!)).ownerId).toBe(otto.id); // matched by e-mail
    const won = await dealBy("salesforce", ids[2]!);
    expect(won).toMatchObject({ stageKey: "closed_won", status: "won", amountCents: 2500000n });
    expect(won.closedAt?.toISOString().slice(0, 10)).toBe("2026-01-15");

    const history = await db().historyEntry.findMany({ where: { opportunityId: acme.id } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ type: "imported", toStage: "negotiate", fromStage: null, actorId: org.admin.id });
    expect(history[0]!.details).toMatchObject({ action: "created", source: "salesforce", externalId: ids[0] });
    // Placed in its stage, not moved there: no criteria were attested, and the stage counts as reached.
    expect(await db().criterionAttestation.count({ where: { opportunityId: acme.id } })).toBe(0);
    expect(acme.reachedStages).toEqual(["negotiate"]);
    const read = await call(historyRoute.GET, { token: rita.token, params: { id: acme.id } });
    expect(read.body.items.map((e: any) => [e.type, e.toStage])).toEqual([["imported", "negotiate"]]);
  });

  test("importing the same file again changes nothing", async () => {
    const before = await counts();
    const versions = await Promise.all(ids.slice(0, 3).map(async (x) => (await dealBy("salesforce", x)).version));
    const res = await importFile(org.admin.token, file());
    expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, refused: 5 });
    expect(res.body.rows.slice(0, 3).map((r: any) => r.outcome)).toEqual(["unchanged", "unchanged", "unchanged"]);
    expect(await counts()).toEqual(before);
    expect(await Promise.all(ids.slice(0, 3).map(async (x) => (await dealBy("salesforce", x)).version))).toEqual(versions);
  });

  test("a changed row updates its deal through the write path, and its history says what the import changed", async () => {
    const changed = file().replace("$1,234,567.50", "$1,300,000.00").replace('"3/31/2027","Negotiation/Review"', '"4/30/2027","Closed Won"');
    const dry = await importFile(org.admin.token, changed, { dryRun: true });
    expect(dry.body).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const res = await importFile(org.admin.token, changed);
    expect(res.body).toMatchObject({ created: 0, updated: 1, unchanged: 2, refused: 5 });
    const acme = await dealBy("salesforce", ids[0]!);
    expect(acme).toMatchObject({
      version: 2,
      amountCents: 130000000n,
      stageKey: "closed_won",
      status: "won",
      closeDatePushes: 1,
      closeDateSlipDays: 30,
    });
    const entry = await db().historyEntry.findFirstOrThrow({ where: { opportunityId: acme.id }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ type: "imported", fromStage: "negotiate", toStage: "closed_won" });
    expect(entry.details).toMatchObject({
      action: "updated",
      changes: {
        amount: { from: 1234567.5, to: 1300000 },
        closeDate: { from: "2027-03-31", to: "2027-04-30" },
        stage: { from: "negotiate", to: "closed_won" },
      },
    });
    expect(await db().historyEntry.count({ where: { opportunityId: acme.id, type: { not: "imported" } } })).toBe(0);
    expect(await db().closeDateChange.count({ where: { opportunityId: acme.id } })).toBe(1);
  });
});

describe("a HubSpot export", () => {
  const header = ["Record ID", "Deal Name", "Associated Company", "Amount", "Close Date", "Deal Stage", "Deal owner", "Deal Type", "Pipeline"];
  const ids = Array.from({ length: 4 }, () => `9${Math.floor(Math.random() * 1e9)}`);
  const rows = () => [
    header,
    [ids[0]!, "Hooli expansion", "Hooli", "5400.5", "2027-02-28 00:00", "appointmentscheduled", rita.email, "existingbusiness", "Sales Pipeline"],
    [ids[1]!, "Pied Piper", "Pied Piper", "", "2027-06-01", "Decision maker bought-in", "Rita Rep", "newbusiness", "Sales Pipeline"],
    [ids[2]!, "Lost to Hooli", "Aviato", "800", "2026-10-01", "closedlost", "Rita Rep", "newbusiness", "Sales Pipeline"],
    [ids[3]!, "Bad type", "Aviato", "800", "2026-10-01", "qualifiedtobuy", "Rita Rep", "partnership", "Sales Pipeline"],
  ];

  test("its columns, stages and deal types are mapped by default", async () => {
    const csv = `${rows()
      .map((r) => r.join(","))
      .join("\n")}\n`;
    const res = await importFile(org.manager.token, csv, { source: "hubspot" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 3, refused: 1 });
    expect(await dealBy("hubspot", ids[0]!)).toMatchObject({ stageKey: "identify", amountCents: 540050n, type: "expansion", ownerId: rita.id });
    expect(await dealBy("hubspot", ids[1]!)).toMatchObject({ stageKey: "negotiate", amountCents: 0n, type: "new" });
    expect(await dealBy("hubspot", ids[2]!)).toMatchObject({ stageKey: "closed_lost", status: "lost" });
    expect(res.body.rows[3].errors).toEqual([{ field: "type", message: expect.stringContaining('"partnership" is not a deal type') }]);
    // The same ids from another source are other deals.
    const again = await importFile(org.manager.token, csv, { source: "hubspot" });
    expect(again.body).toMatchObject({ created: 0, unchanged: 3, refused: 1 });
  });
});

describe("a semicolon-separated European file", () => {
  test("reads decimal commas, thousands dots and spaces, D.M.YYYY dates and, with the hint, DD/MM/YYYY", async () => {
    const ids = [id(), id(), id(), id()];
    const csv = [
      SF_HEADER.join(";"),
      `${ids[0]};Grosskunde;Müller GmbH;1.234,56 €;31.3.2027;Prospecting;Rita Rep;New Customer;Termin vereinbaren`,
      `${ids[1]};Zweiter;"Dupont; Fils";"12 500,00";15/04/2027;Qualification;Rita Rep;New Customer;`,
      `${ids[2]};Dritter;Rossi SpA;99,9;01.12.2026;Closed Lost;Rita Rep;New Customer;`,
      `${ids[3]};Vierter;Rossi SpA;1,234.567;01.12.2026;Prospecting;Rita Rep;New Customer;`,
    ].join("\r\n");
    const res = await importFile(rita.token, csv, { mapping: { dates: "dmy", currency: "EUR" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 3, refused: 1 });
    const first = await dealBy("salesforce", ids[0]!);
    expect(first).toMatchObject({
      name: "Grosskunde",
      accountName: "Müller GmbH",
      amountCents: 123456n,
      currency: "EUR",
      nextStep: "Termin vereinbaren",
    });
    expect(first.closeDate.toISOString().slice(0, 10)).toBe("2027-03-31");
    const second = await dealBy("salesforce", ids[1]!);
    expect(second).toMatchObject({ accountName: "Dupont; Fils", amountCents: 1250000n, stageKey: "qualify" });
    expect(second.closeDate.toISOString().slice(0, 10)).toBe("2027-04-15");
    expect(await dealBy("salesforce", ids[2]!)).toMatchObject({ amountCents: 9990n, status: "lost" });
    expect(res.body.rows[3].errors).toEqual([{ field: "amount", message: expect.stringContaining("at most two decimals") }]);
  });

  test("without the hint a slashed date is month first, and a day past 12 is refused", async () => {
    const csv = [SF_HEADER.join(";"), `${id()};X;Y;1;15/04/2027;Prospecting;Rita Rep;;`].join("\n");
    const res = await importFile(rita.token, csv, { dryRun: true });
    expect(res.body.rows[0].errors).toEqual([{ field: "closeDate", message: expect.stringContaining("M/D/YYYY") }]);
  });
});

describe("mappings", () => {
  test("columns, stages and owners can be mapped; a column can be ignored", async () => {
    const externalId = id();
    const csv = [
      "Opportunity ID,Deal title,Account Name,Amount,Close Date,Stage,Opportunity Owner,Next Step",
      `${externalId},Mapped,Acme,10,2027-01-01,Verbal yes,R. Rep,call them`,
    ].join("\n");
    const mapping = { columns: { "Deal title": "name", "Next Step": null }, stages: { "Verbal yes": "finalize" }, owners: { "R. Rep": rita.email } };
    const res = await importFile(org.admin.token, csv, { mapping });
    expect(res.body).toMatchObject({ created: 1, refused: 0 });
    expect(await dealBy("salesforce", externalId)).toMatchObject({ name: "Mapped", stageKey: "finalize", ownerId: rita.id, nextStep: "" });
  });

  test("a file without a column every row needs is refused whole, naming the column", async () => {
    const res = await importFile(org.admin.token, "Opportunity ID,Opportunity Name,Close Date,Stage\n1,X,2027-01-01,Prospecting\n");
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([{ field: "file.accountName", message: expect.stringContaining("Account Name") }]);
  });

  test("a mapping that is not JSON, or not a mapping, is a 400 naming it; so is an unknown source or a missing dryRun", async () => {
    expect((await importFile(org.admin.token, "a\n", { mapping: "{" })).body.error.details.fields).toEqual([
      { field: "mapping", message: "not valid JSON" },
    ]);
    const wrong = await importFile(org.admin.token, "a\n", { mapping: { columns: { X: "salary" } } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields[0].field).toBe("mapping.columns.X");
    const source = await importFile(org.admin.token, "a\n", { source: "pipedrive" });
    expect(source.body.error.details.fields).toEqual([{ field: "source", message: "one of salesforce, hubspot, stageline" }]);
    const dry = await importFile(org.admin.token, "a\n", { dryRun: "maybe" });
    expect(dry.body.error.details.fields).toEqual([{ field: "dryRun", message: "true or false" }]);
  });

  test("a file that is not UTF-8, or is empty, is a 400 and writes nothing", async () => {
    const before = await counts();
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode(`${SF_HEADER.join(",")}\n${id()},Caf`),
      0xe9,
      ...new TextEncoder().encode(",A,1,2027-01-01,Prospecting,Rita Rep,,\n"),
    ]);
    const res = await importFile(org.admin.token, latin1);
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([{ field: "file", message: "save the CSV as UTF-8" }]);
    const empty = await importFile(org.admin.token, "");
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.fields).toEqual([{ field: "file", message: "no header line" }]);
    expect(await counts()).toEqual(before);
  });

  test("a cell PostgreSQL cannot store is refused for its field, once", async () => {
    const csv = [SF_HEADER.join(","), `${id()},Na\u0000me,Acme,1,2027-01-01,Prospecting,Rita Rep,,call\u0000`].join("\n");
    const res = await importFile(org.admin.token, csv);
    expect(res.body.rows[0].errors).toEqual([
      { field: "name", message: "contains a NUL character" },
      { field: "nextStep", message: "contains a NUL character" },
    ]);
  });

  test("the same id twice in one file: the second row is refused", async () => {
    const x = id();
    const csv = [SF_HEADER.join(","), `${x},A,B,1,2027-01-01,Prospecting,Rita Rep,,`, `${x},A2,B,1,2027-01-01,Prospecting,Rita Rep,,`].join("\n");
    const res = await importFile(org.admin.token, csv);
    expect(res.body.rows[1]).toEqual({
      row: 3,
      outcome: "refused",
      externalId: x,
      errors: [{ field: "externalId", message: "the same id as row 2" }],
    });
    expect((await dealBy("salesforce", x)).name).toBe("A");
  });
});

describe("Stageline's own files", () => {
  test("a row naming a deal by its id finds it: the same values change nothing, another value updates it", async () => {
    const deal = await createDeal(rita.token);
    const header = "id,name,accountName,amount,currency,closeDate,stage,ownerEmail,type,nextStep,nextStepDue";
    const same = `${deal.id},Platform rollout,Northwind Traders,48000,USD,2027-03-31,identify,${rita.email},new,Discovery call with IT,2027-01-15`;
    const res = await importFile(rita.token, `${header}\n${same}\n`, { source: "stageline" });
    expect(res.body).toMatchObject({ unchanged: 1, created: 0 });
    expect(res.body.rows[0].id).toBe(deal.id);
    const edited = same.replace("Discovery call with IT", "Send the proposal");
    const again = await importFile(rita.token, `${header}\n${edited}\n`, { source: "stageline" });
    expect(again.body).toMatchObject({ updated: 1 });
    expect(await db().opportunity.findUniqueOrThrow({ where: { id: deal.id } })).toMatchObject({ version: 2, nextStep: "Send the proposal" });
  });
});

describe("who may import what", () => {
  const file = (rows: string[][]) => [SF_HEADER, ...rows].map((r) => line(r)).join("\n");
  const row = (externalId: string, owner: string) => [externalId, `Deal ${externalId}`, "Acme", "10", "2027-01-01", "Prospecting", owner, "", ""];

  test("a rep imports their own deals (an empty owner is themselves), and no one else's", async () => {
    const [own, empty, other] = [id(), id(), id()];
    const res = await importFile(rita.token, file([row(own, rita.email), row(empty, ""), row(other, org.teammate.email)]));
    expect(res.body.rows.map((r: any) => r.outcome)).toEqual(["created", "created", "refused"]);
    expect(res.body.rows[2].errors).toEqual([{ field: "owner", message: expect.stringContaining("you may not import deals for") }]);
    expect((await dealBy("salesforce", empty)).ownerId).toBe(rita.id);
    // Nor change a deal of someone else's that has the same id.
    const theirs = id();
    await importFile(org.admin.token, file([row(theirs, org.teammate.email)]));
    const res2 = await importFile(rita.token, file([row(theirs, rita.email)]));
    expect(res2.body.rows[0]).toMatchObject({
      outcome: "refused",
      errors: [{ field: "externalId", message: expect.stringContaining("may not change") }],
    });
    expect((await dealBy("salesforce", theirs)).ownerId).toBe(org.teammate.id);
  });

  test("a manager imports for the team, not for another team", async () => {
    const [mine, teams, outside] = [id(), id(), id()];
    const res = await importFile(org.manager.token, file([row(mine, ""), row(teams, org.rep.email), row(outside, otto.email)]));
    expect(res.body.rows.map((r: any) => r.outcome)).toEqual(["created", "created", "refused"]);
  });

  test("an admin imports for anyone, but an owner must be named: an admin owns no deals", async () => {
    const [a, b] = [id(), id()];
    const res = await importFile(org.admin.token, file([row(a, otto.email), row(b, "")]));
    expect(res.body.rows.map((r: any) => r.outcome)).toEqual(["created", "refused"]);
    expect(res.body.rows[1].errors).toEqual([{ field: "owner", message: "missing: name the deal's owner" }]);
  });

  test("an empty owner leaves an existing deal's owner as it is, whoever imports it", async () => {
    const x = id();
    await importFile(org.manager.token, file([row(x, org.rep.email)]));
    for (const token of [org.manager.token, org.admin.token]) {
      const res = await importFile(token, file([row(x, "")]));
      expect(res.body.rows[0]).toMatchObject({ outcome: "unchanged" });
    }
    expect((await dealBy("salesforce", x)).ownerId).toBe(org.rep.id);
  });

  test("the deal desk may not import at all", async () => {
    const res = await importFile(org.finance.token, file([row(id(), rita.email)]));
    expect(res.status).toBe(403);
  });

  test("an owner's name and e-mail address are matched without regard to case or surrounding spaces", async () => {
    const [upper, spaced, email, twin] = [id(), id(), id(), id()];
    // Two users whose names differ only in case: a name that matches both is ambiguous.
    await createUser({ role: "rep", teamId: org.team.id, name: "Casey Twin" });
    await createUser({ role: "rep", teamId: org.team.id, name: "casey twin" });
    const res = await importFile(
      org.admin.token,
      file([row(upper, "RITA REP"), row(spaced, "  rita rep  "), row(email, ` ${rita.email.toUpperCase()} `), row(twin, "CASEY TWIN")]),
    );
    expect(res.body.rows.map((r: any) => r.outcome)).toEqual(["created", "created", "created", "refused"]);
    for (const x of [upper, spaced, email]) expect((await dealBy("salesforce", x)).ownerId).toBe(rita.id);
    expect(res.body.rows[3].errors).toEqual([{ field: "owner", message: expect.stringContaining('several users are named "CASEY TWIN"') }]);
  });

  test("a deactivated owner is refused", async () => {
    const gone = await createUser({ role: "rep", teamId: org.team.id, active: false });
    const res = await importFile(org.admin.token, file([row(id(), gone.email)]), { dryRun: true });
    expect(res.body.rows[0].errors).toEqual([{ field: "owner", message: expect.stringContaining("deactivated") }]);
  });
});

describe("limits and batches", () => {
  const rows = (n: number, prefix: string) =>
    [SF_HEADER.join(","), ...Array.from({ length: n }, (_, i) => `${prefix}-${i},Deal ${i},Acme,${i}.50,2027-01-01,Prospecting,Rita Rep,,`)].join(
      "\n",
    );

  test("a file of more rows than the limit is refused with 413, and nothing is written", async () => {
    process.env.IMPORT_MAX_ROWS = "3";
    const before = await counts();
    const res = await importFile(org.admin.token, rows(4, id()));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe("The file has more than 3 rows; an import takes up to 3. Split it into smaller files.");
    expect(await counts()).toEqual(before);
    expect((await importFile(org.admin.token, rows(3, id()), { dryRun: true })).body.created).toBe(3);
  });

  test("a file larger than the limit is refused with 413", async () => {
    process.env.IMPORT_MAX_BYTES = String(1024 * 1024);
    const big = rows(1, id()) + "\n".repeat(1024 * 1024);
    const res = await importFile(org.admin.token, big);
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/^The file is 1\.0 MB; an import takes files up to 1 MB\. Split it/);
  });

  test("a body past the limit is refused with 413 as it streams in, before the rest is read", async () => {
    process.env.IMPORT_MAX_BYTES = String(1024 * 1024);
    let sent = 0;
    const chunk = new TextEncoder().encode(`${"x".repeat(1023)}\n`);
    const head = new TextEncoder().encode(
      '--b\r\nContent-Disposition: form-data; name="source"\r\n\r\nsalesforce\r\n--b\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\ntrue\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n',
    );
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head);
      },
      pull(controller) {
        // An endless file: only the limit stops it.
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const req = new Request("http://localhost/api/v1/imports", {
      method: "POST",
      body,
      headers: { authorization: `Bearer ${org.admin.token}`, "content-type": "multipart/form-data; boundary=b" },
      duplex: "half",
    } as RequestInit);
    const res = await imports.POST(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toBe("The file is over 1 MB, the most an import takes. Split it into smaller files.");
    expect(sent).toBeLessThan(1024 * 1024 + 128 * 1024);
  });

  test("a body that is not multipart is a 415; a form without a file names the part", async () => {
    const req = new Request("http://localhost/api/v1/imports", {
      method: "POST",
      body: "{}",
      headers: { authorization: `Bearer ${org.admin.token}`, "content-type": "application/json" },
    });
    expect((await imports.POST(req, { params: Promise.resolve({}) })).status).toBe(415);
    const form = new FormData();
    form.set("source", "hubspot");
    form.set("dryRun", "true");
    const res = await imports.POST(
      new Request("http://localhost/api/v1/imports", { method: "POST", body: form, headers: { authorization: `Bearer ${org.admin.token}` } }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.fields).toEqual([{ field: "file", message: "a file part is required" }]);
  });

  test("a batch the database refuses writes none of its rows, the others are imported, and the report says which rows and why", async () => {
    const prefix = id();
    // Batches of 500: rows 2 to 501, 502 to 1001, then row 1002. In the second, row 602 is refused by
    // the row checks (its amount), and row 702 by a constraint they know nothing of.
    const csv = rows(1001, prefix).replace(`${prefix}-600,Deal 600,Acme,600.50`, `${prefix}-600,Deal 600,Acme,"12,34,5"`);
    const refusing = sql`ALTER TABLE "Opportunity" ADD CONSTRAINT "import_test_refuses" CHECK ("externalId" IS DISTINCT FROM ${sql.lit(`${prefix}-700`)}) NOT VALID`;
    await refusing.execute(database().sql);
    let res: Awaited<ReturnType<typeof importFile>>;
    try {
      res = await importFile(org.admin.token, csv);
    } finally {
      await sql`ALTER TABLE "Opportunity" DROP CONSTRAINT IF EXISTS "import_test_refuses"`.execute(database().sql);
    }
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 501, updated: 0, unchanged: 0, refused: 500 });
    const outcome = (row: number) => res.body.rows[row - 2];
    expect(outcome(501)).toMatchObject({ outcome: "created", externalId: `${prefix}-499` });
    expect(outcome(1002)).toMatchObject({ outcome: "created", externalId: `${prefix}-1000` });
    // Every row of the refused batch is refused: with the batch's reason, or its own.
    const batchReason = [
      { field: "(batch)", message: expect.stringMatching(/^not written: the database refused rows 502 to 1001, .*import_test_refuses/) },
    ];
    for (const row of [502, 702, 1001])
      expect(outcome(row)).toEqual({ row, outcome: "refused", externalId: `${prefix}-${row - 2}`, errors: batchReason });
    expect(outcome(602).errors).toEqual([{ field: "amount", message: expect.stringContaining("not an amount") }]);
    expect(res.body.rows.slice(500, 1000).every((r: any) => r.outcome === "refused")).toBe(true);
    // Written: the first batch and the last, nothing of the second.
    const written = await db().opportunity.findMany({ where: { externalId: { startsWith: `${prefix}-` } }, select: { externalId: true } });
    const numbers = written.map((o) => Number(o.externalId!.slice(prefix.length + 1))).sort((a, b) => a - b);
    expect(numbers).toEqual([...Array.from({ length: 500 }, (_, i) => i), 1000]);

    // Once the cause is gone, importing the file again carries on where it failed.
    const again = await importFile(org.admin.token, csv);
    expect(again.body).toMatchObject({ created: 499, unchanged: 501, refused: 1 });
  });

  test("a file of several batches is imported whole, and again changes nothing", async () => {
    const prefix = id();
    const res = await importFile(org.admin.token, rows(1100, prefix));
    expect(res.body).toMatchObject({ created: 1100, refused: 0 });
    expect(await db().opportunity.count({ where: { externalId: { startsWith: `${prefix}-` } } })).toBe(1100);
    expect(res.body.rows.at(-1)).toMatchObject({ row: 1101, outcome: "created", externalId: `${prefix}-1099` });
    const again = await importFile(org.admin.token, rows(1100, prefix));
    expect(again.body).toMatchObject({ created: 0, unchanged: 1100 });
  });
});

// docs/rules/import.md#placed-in-the-stage-as-data: an import places deals as data and sends nothing,
// neither for a deal it creates nor for one it updates, where the same change made in the app does.
describe("an import queues no message: no webhook, Slack post or e-mail", () => {
  const outboxCount = async () =>
    Number(
      (
        await database()
          .sql.selectFrom("OutboxMessage")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** What the outbox holds for a deal: the channel, and the event for a webhook. */
  const queuedFor = async (dealId: string) =>
    (await database().sql.selectFrom("OutboxMessage").select(["channel", "payload"]).where("opportunityId", "=", dealId).execute()).map((m) =>
      m.channel === "webhook" ? `webhook ${(m.payload as { type: string }).type}` : m.channel,
    );
  const file = (rows: string[][]) => [SF_HEADER, ...rows].map((r) => line(r)).join("\n");
  const row = (externalId: string, stage: string, amount: number) => [
    externalId,
    `Deal ${externalId}`,
    "Acme",
    String(amount),
    "2027-01-01",
    stage,
    "Rita Rep",
    "",
    "",
  ];
  // Twins: the import changes the one, the app the other, in the same way.
  const ids = { closing: id(), closingTwin: id(), approved: id(), approvedTwin: id(), won: id() };

  beforeAll(async () => {
    // An endpoint that wants every event: any event the import caused would be queued for it.
    await createWebhook(
      await actorOf(org.admin),
      { url: "http://127.0.0.1:9/hook", events: [...WEBHOOK_EVENTS], description: "every event" },
      { config: { allowHttp: true, rotationWindowMs: 3_600_000, disableAfterMs: 3_600_000 } },
    );
  });

  test("creating deals, open and won, queues nothing; a deal created in the app queues opportunity.created", async () => {
    const before = await outboxCount();
    const res = await importFile(
      org.admin.token,
      file([
        row(ids.closing, "finalize", 48000),
        row(ids.closingTwin, "finalize", 48000),
        row(ids.approved, "qualify", 300000),
        row(ids.approvedTwin, "qualify", 300000),
        row(ids.won, "Closed Won", 1000),
      ]),
    );
    expect(res.body).toMatchObject({ created: 5, refused: 0 });
    expect(await outboxCount()).toBe(before);

    const made = await createDeal(rita.token);
    expect(await queuedFor(made.id)).toEqual(["webhook opportunity.created"]);
  });

  test("updating deals' stage, status and amount queues nothing; the same changes in the app queue their events and e-mail", async () => {
    // An approved request on each deal of 300,000: a change of amount makes it stale.
    const approved = await dealBy("salesforce", ids.approved);
    const twin = await dealBy("salesforce", ids.approvedTwin);
    const requests = await Promise.all(
      [approved, twin].map((d) => insertApprovalRequest(d.id, "2026-12-01T09:00:00Z", ["finance", "sales_ops"], { status: "approved", decided: [] })),
    );
    const before = await outboxCount();
    const res = await importFile(org.admin.token, file([row(ids.closing, "Closed Won", 50000), row(ids.approved, "qualify", 320000)]));
    expect(res.body).toMatchObject({ updated: 2, refused: 0 });
    // Written as data: won, and the approval no longer stands for the amount; but nothing is queued.
    expect(await dealBy("salesforce", ids.closing)).toMatchObject({ stageKey: "closed_won", status: "won", amountCents: 5000000n });
    expect(await db().approvalRequest.findUniqueOrThrow({ where: { id: requests[0]! } })).toMatchObject({ status: "stale" });
    expect(await outboxCount()).toBe(before);

    // The twins, changed the same way in the app: a PATCH of the amount, a move to Closed Won.
    const closingTwin = await dealBy("salesforce", ids.closingTwin);
    const patch = async (dealId: string, amount: number) => {
      const res = await call(opportunity.PATCH, {
        token: rita.token,
        method: "PATCH",
        params: { id: dealId },
        body: { version: await currentVersion(dealId), amount },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await patch(closingTwin.id, 50000);
    await satisfyStages(closingTwin.id, ["finalize"], rita.id);
    const won = await call(transitions.POST, {
      token: rita.token,
      params: { id: closingTwin.id },
      body: { version: await currentVersion(closingTwin.id), toStage: "closed_won", won: { whyWon: "Imported twin" } },
    });
    expect(won.status, JSON.stringify(won.body)).toBe(200);
    expect(await queuedFor(closingTwin.id)).toEqual(expect.arrayContaining(["webhook opportunity.stage_changed", "webhook opportunity.closed_won"]));
    await patch(twin.id, 320000);
    expect(await db().approvalRequest.findUniqueOrThrow({ where: { id: requests[1]! } })).toMatchObject({ status: "stale" });
    expect(await queuedFor(twin.id)).toEqual(expect.arrayContaining(["webhook approval.stale", "email"]));
  });
});

describe("unknown stages and owners, summed for the mapping", () => {
  test("each value is listed once with its rows, the most rows first, also from rows refused for something else", async () => {
    const csv = [
      SF_HEADER.join(","),
      `${id()},A,Acme,1,2027-01-01,Verbal yes,Rita Rep,,`,
      `${id()},B,Acme,1,2027-01-01,Verbal yes,Nobody,,`,
      `${id()},C,Acme,1,2027-01-01,Handshake,Nobody,,`,
      `${id()},D,Acme,x,2027-01-01,Handshake,Rita Rep,,`,
      `${id()},E,Acme,1,2027-01-01,Verbal yes,Rita Rep,,`,
    ].join("\n");
    const res = await importFile(org.admin.token, csv, { dryRun: true });
    expect(res.body.unknownStages).toEqual([
      { value: "Verbal yes", rows: 3 },
      { value: "Handshake", rows: 2 },
    ]);
    expect(res.body.unknownOwners).toEqual([{ value: "Nobody", rows: 2 }]);
    // Named in the mapping, they are known: the same file then creates every row but the bad amount.
    const mapped = await importFile(org.admin.token, csv, {
      dryRun: true,
      mapping: { stages: { "verbal yes": "finalize", Handshake: "negotiate" }, owners: { Nobody: rita.email } },
    });
    expect(mapped.body).toMatchObject({ created: 4, refused: 1, unknownStages: [], unknownOwners: [] });
  });
});

describe("progress as it goes (Accept: application/x-ndjson)", () => {
  async function importLines(token: string, file: string, fields: Fields = {}) {
    const form = new FormData();
    form.set("file", new Blob([file], { type: "text/csv" }), "export.csv");
    form.set("source", fields.source ?? "salesforce");
    form.set("dryRun", String(fields.dryRun ?? false));
    const req = new Request("http://localhost/api/v1/imports", {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${token}`, accept: "application/x-ndjson" },
    });
    const res = await imports.POST(req, { params: Promise.resolve({}) });
    return { res, text: await res.text() };
  }
  const rows = (n: number, prefix: string) =>
    [SF_HEADER.join(","), ...Array.from({ length: n }, (_, i) => `${prefix}-${i},Deal ${i},Acme,1,2027-01-01,Prospecting,Rita Rep,,`)].join("\n");

  test("a line per batch with the rows done of the file's rows, then the report", async () => {
    const prefix = id();
    const { res, text } = await importLines(org.admin.token, rows(1100, prefix));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    const lines = text
      .trimEnd()
      .split("\n")
      .map((l) => ImportProgressLine.parse(JSON.parse(l)));
    expect(lines.slice(0, -1)).toEqual([
      { type: "progress", rowsDone: 0, rowsTotal: 1100 },
      { type: "progress", rowsDone: 500, rowsTotal: 1100 },
      { type: "progress", rowsDone: 1000, rowsTotal: 1100 },
      { type: "progress", rowsDone: 1100, rowsTotal: 1100 },
    ]);
    const last = lines.at(-1)!;
    expect(last.type === "report" && last.report).toMatchObject({ dryRun: false, created: 1100, refused: 0 });
    expect(await db().opportunity.count({ where: { externalId: { startsWith: `${prefix}-` } } })).toBe(1100);
  });

  test("a file refused whole is an ordinary error answer with its status, not a stream", async () => {
    const missing = await importLines(org.admin.token, "Opportunity ID,Opportunity Name,Close Date,Stage\n1,X,2027-01-01,Prospecting\n");
    expect(missing.res.status).toBe(400);
    expect(JSON.parse(missing.text).error.details.fields[0].field).toBe("file.accountName");
    process.env.IMPORT_MAX_ROWS = "3";
    const many = await importLines(org.admin.token, rows(4, id()));
    expect(many.res.status).toBe(413);
  });

  test("the report streams from a spool on disk in the file's order, and the spool is gone once it is sent or its reader left", async () => {
    // A temporary folder of this test's own, where the import's spool must appear and then go.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-import-test-"));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    const spools = () => fs.readdirSync(tmp).filter((name) => name.startsWith("stageline-import-report-"));
    try {
      // Three batches, the JSON answer: every row once, in the file's order, and the rows last.
      const prefix = id();
      const res = await importFile(org.admin.token, rows(1200, prefix), { dryRun: true });
      expect(res.body.created).toBe(1200);
      expect(res.body.rows.map((r: { row: number }) => r.row)).toEqual(Array.from({ length: 1200 }, (_, i) => i + 2));
      expect(Object.keys(res.body).at(-1)).toBe("rows");
      expect(spools()).toEqual([]);

      // The progress stream, left by its reader after its first piece: the import goes on, and its
      // spool is removed once it is done.
      const form = new FormData();
      form.set("file", new Blob([rows(1200, id())], { type: "text/csv" }), "export.csv");
      form.set("source", "salesforce");
      form.set("dryRun", "false");
      const left = await imports.POST(
        new Request("http://localhost/api/v1/imports", {
          method: "POST",
          body: form,
          headers: { authorization: `Bearer ${org.admin.token}`, accept: "application/x-ndjson" },
        }),
        { params: Promise.resolve({}) },
      );
      const reader = left.body!.getReader();
      await reader.read();
      expect(spools()).toHaveLength(1);
      await reader.cancel();
      await expect.poll(spools, { timeout: 20_000 }).toEqual([]);
    } finally {
      process.env.TMPDIR = before;
      if (before === undefined) delete process.env.TMPDIR;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test("a failure part way ends the stream with an error line after the progress that was made", async () => {
    const disposed: string[] = [];
    const res = await streamProgress({ fields: {}, file: null, dispose: async () => void disposed.push("file") }, async (onProgress) => {
      onProgress?.({ rowsDone: 0, rowsTotal: 1000 });
      onProgress?.({ rowsDone: 500, rowsTotal: 1000 });
      throw new AppError("UNAVAILABLE", "The database is busy. Try again.");
    });
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .trimEnd()
      .split("\n")
      .map((l) => ImportProgressLine.parse(JSON.parse(l)));
    expect(lines).toEqual([
      { type: "progress", rowsDone: 0, rowsTotal: 1000 },
      { type: "progress", rowsDone: 500, rowsTotal: 1000 },
      { type: "error", error: { code: "UNAVAILABLE", message: "The database is busy. Try again." } },
    ]);
    expect(disposed).toEqual(["file"]);
  });
});

// The dashboard's movement relies on it (docs/rules/dashboard.md): a change of stage sets
// stageEnteredAt to the time of the history entry it writes, an imported one as any other.
test("an imported change of stage sets stageEnteredAt to its imported entry's time; an import that keeps the stage leaves it", async () => {
  const externalId = id();
  const dealId = await insertDeal(rita.id, { name: "Entered", accountName: "Acme", amount: 10, closeDate: "2027-01-01", stage: "identify" });
  await db().opportunity.update({
    where: { id: dealId },
    data: { externalSource: "salesforce", externalId, stageEnteredAt: new Date("2026-01-01T00:00:00Z") },
  });
  const csv = (stage: string, amount: number) =>
    [SF_HEADER.join(","), `${externalId},Entered,Acme,${amount},2027-01-01,${stage},Rita Rep,,`].join("\n");
  const entered = async () => (await db().opportunity.findUniqueOrThrow({ where: { id: dealId } })).stageEnteredAt;
  const lastImported = async () =>
    (await db().historyEntry.findFirstOrThrow({ where: { opportunityId: dealId, type: "imported" }, orderBy: { at: "desc" } })).at;

  expect((await importFile(org.admin.token, csv("Perception Analysis", 10))).body.rows[0]).toMatchObject({ outcome: "updated" });
  expect((await dealBy("salesforce", externalId)).stageKey).not.toBe("identify");
  const moved = await entered();
  expect(moved).toEqual(await lastImported());

  expect((await importFile(org.admin.token, csv("Perception Analysis", 20))).body.rows[0]).toMatchObject({ outcome: "updated" });
  expect(await entered()).toEqual(moved);
  expect((await lastImported()).getTime()).toBeGreaterThan(moved.getTime());
});

describe("a deal that follows another process than the default", () => {
  test("its stage is read in its own process", async () => {
    const { processVersionId } = await database().transaction((tx) => publishProcessVersion(tx, SIX_STEPS));
    const externalId = id();
    const dealId = await insertDeal(rita.id, { name: "Six", accountName: "Acme", amount: 10, closeDate: "2027-01-01", stage: "select_target" });
    await db().opportunity.update({ where: { id: dealId }, data: { processVersionId, externalSource: "salesforce", externalId } });
    const csv = (stage: string) => [SF_HEADER.join(","), `${externalId},Six,Acme,10,2027-01-01,${stage},Rita Rep,,`].join("\n");
    const refused = await importFile(org.admin.token, csv("Prospecting"));
    expect(refused.body.rows[0].errors).toEqual([
      { field: "stage", message: expect.stringContaining('unknown stage "Prospecting" in the process Six steps') },
    ]);
    const res = await importFile(org.admin.token, csv("Understand Buyer Need"));
    expect(res.body.rows[0]).toMatchObject({ outcome: "updated", id: dealId });
    expect(await db().opportunity.findUniqueOrThrow({ where: { id: dealId } })).toMatchObject({ stageKey: "understand_need", processVersionId });
  });
});

// The API's fuzz test throws malformed JSON at every JSON endpoint; this one throws malformed files at the import.
test("no file, however malformed, makes the import answer a 500", async () => {
  const quoted = (v: string) => `"${v.replaceAll('"', '""')}"`;
  const text = fc.oneof(fc.string(), fc.constantFrom("", '"', "\r\n", ";", ",", "\u0000", "\ufeff", "x".repeat(300)));
  // Mostly values a row may hold, so that rows are also created and updated, and now and then anything.
  const pick = <T>(...values: T[]) => fc.oneof({ arbitrary: fc.constantFrom(...values), weight: 5 }, { arbitrary: text, weight: 1 });
  const row = fc.tuple(
    pick("sf-1", "sf-2", "sf-3"),
    pick("Fuzzed deal", "Ünïcødé ✓"),
    pick("Acme", "Dupont; Fils"),
    pick("1.234,5", "$1,000.00", "12", "", "-1", "1e9"),
    pick("3/31/2027", "31.3.2027", "2027-03-31", "2/30/2027"),
    pick("Closed Won", "Prospecting", "closedlost", "qualify"),
    fc.constantFrom(
      () => rita.email,
      () => "Rita Rep",
      () => "",
      () => "Nobody",
    ),
    pick("New Customer", "existingbusiness"),
    text,
  );
  const csv = fc.tuple(fc.array(row, { maxLength: 6 }), fc.constantFrom(",", ";", "\t"), fc.boolean());
  await fc.assert(
    fc.asyncProperty(csv, fc.boolean(), async ([rows, sep, quote], dryRun) => {
      const lines = [SF_HEADER, ...rows.map((r) => r.map((v) => (typeof v === "function" ? v() : v)))];
      const file = lines.map((cells) => cells.map((c) => (quote ? quoted(c) : c)).join(sep)).join("\r\n");
      const res = await importFile(org.admin.token, file, { source: "salesforce", dryRun });
      expect([200, 400]).toContain(res.status);
    }),
    { numRuns: 80 },
  );
});
