// The audit page's address (its filters, read leniently) and its CSV download: every entry the filters
// match, for an admin; anyone else is refused, signed out is asked to sign in.
import Papa from "papaparse";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { GET as exportCsv } from "@/app/admin/audit/export/route";
import { auditCsvHref, auditHref, parseAuditFilters } from "@/app/admin/audit/filters";
import { ADMIN_SECTIONS, adminSectionsFor } from "@/app/admin/sections";
import { recordAudit } from "@/src/server/audit/record-audit";
import { database } from "@/src/server/db";
import { signInAs, signOut } from "../../support/action-session";
import { actorOf } from "../../support/board";
import { createOrg } from "../../support/fixtures";

vi.mock("next/headers", async () => (await import("../../support/action-session")).nextHeaders);

let org: Awaited<ReturnType<typeof createOrg>>;

beforeAll(async () => {
  org = await createOrg();
  for (const [n, action] of [
    [1, "team.created"],
    [2, "user.created"],
    [3, "team.created"],
  ] as const)
    await recordAudit(database().sql, {
      actor: { id: org.admin.id, email: org.admin.email },
      action,
      object: { type: action === "team.created" ? "team" : "user", id: `obj-${n}` },
      after: { name: `=Name ${n}` },
      at: new Date(`2026-11-0${n}T12:00:00Z`),
    });
});

describe("the page's address", () => {
  test("keeps the filters it knows and drops the rest, so an edited link still opens", () => {
    expect(parseAuditFilters({ actor: "  ops@ ", action: "user.created", objectType: "user", from: "2026-11-01", to: "2026-11-30" })).toEqual({
      actor: "ops@",
      action: "user.created",
      objectType: "user",
      from: "2026-11-01",
      to: "2026-11-30",
      cursor: undefined,
    });
    expect(parseAuditFilters({ action: "user.renamed", objectType: "planet", from: "2026-02-30", cursor: "nonsense", actor: "" })).toEqual({
      actor: undefined,
      action: undefined,
      objectType: undefined,
      from: undefined,
      to: undefined,
      cursor: undefined,
    });
    // The end before the start is dropped rather than matching nothing.
    expect(parseAuditFilters({ from: "2026-11-10", to: "2026-11-01" })).toMatchObject({ from: "2026-11-10", to: undefined });
    expect(auditHref({ action: "user.created", from: "2026-11-01" })).toBe("/admin/audit?action=user.created&from=2026-11-01");
    expect(auditCsvHref({ actor: "a b", cursor: "x" })).toBe("/admin/audit/export?actor=a+b");
  });

  test("is a section of the admin console for admins only", async () => {
    expect(ADMIN_SECTIONS.map((s) => s.href)).toContain("/admin/audit");
    expect(adminSectionsFor(await actorOf(org.admin)).map((s) => s.href)).toContain("/admin/audit");
    for (const who of [org.rep, org.manager, org.finance]) expect(adminSectionsFor(await actorOf(who))).toEqual([]);
  });
});

describe("the CSV download", () => {
  const download = (qs: string) => exportCsv(new Request(`http://localhost/admin/audit/export?${qs}`));

  test("holds every entry the filters match, newest first, formulas as text", async () => {
    await signInAs(org.admin);
    const res = await download("objectType=team&from=2026-11-01&to=2026-11-30");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="stageline-audit-/);
    const rows = Papa.parse<Record<string, string>>(await res.text(), { header: true }).data;
    expect(rows.map((r) => [r.objectId, r.action])).toEqual([
      ["obj-3", "team.created"],
      ["obj-1", "team.created"],
    ]);
    expect(rows[0]).toMatchObject({ actorEmail: org.admin.email, after: '{"name":"=Name 3"}', changes: "name: (none) → =Name 3" });
  });

  test("refuses every other role, and asks who is signed out to sign in", async () => {
    for (const who of [org.rep, org.manager, org.finance]) {
      await signInAs(who);
      expect((await download("")).status).toBe(403);
    }
    signOut();
    expect((await download("")).status).toBe(401);
  });
});
