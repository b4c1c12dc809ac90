// The audit log is append-only (docs/rules/audit.md): the database refuses to change or remove an
// entry, whichever of the app's handles asks, and a refused attempt leaves the entry as it was.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/src/server/audit/record-audit";
import { database, db } from "@/src/server/db";

const entries = () => database().sql.selectFrom("AuditEntry").selectAll().orderBy("at").execute();

describe("the audit log is append-only", () => {
  beforeAll(async () => {
    await recordAudit(database().sql, {
      actor: { id: "u1", email: "admin@example.test" },
      action: "team.created",
      object: { type: "team", id: "t1" },
      after: { name: "Enterprise" },
      clientAddress: "192.0.2.7",
    });
  });

  it("takes new entries", async () => {
    expect(await entries()).toMatchObject([
      {
        actorId: "u1",
        actorEmail: "admin@example.test",
        action: "team.created",
        objectType: "team",
        objectId: "t1",
        clientAddress: "192.0.2.7",
        before: null,
        after: { name: "Enterprise" },
      },
    ]);
  });

  it("refuses an UPDATE through the typed SQL handle, a transaction and Prisma", async () => {
    await expect(database().sql.updateTable("AuditEntry").set({ actorEmail: "someone@else.test" }).execute()).rejects.toThrow(/append-only/);
    await expect(
      database().transaction((tx) => tx.updateTable("AuditEntry").set({ action: "team.renamed" }).where("objectId", "=", "t1").execute()),
    ).rejects.toThrow(/append-only/);
    await expect(db().auditEntry.updateMany({ data: { actorEmail: "x@example.test" } })).rejects.toThrow(/append-only/);
    // Even one that matches no row: the statement is refused, not the rows.
    await expect(database().sql.updateTable("AuditEntry").set({ action: "x" }).where("id", "=", "none").execute()).rejects.toThrow(/append-only/);
    expect(await entries()).toMatchObject([{ actorEmail: "admin@example.test", action: "team.created" }]);
  });

  it("refuses a DELETE and a TRUNCATE", async () => {
    await expect(database().sql.deleteFrom("AuditEntry").execute()).rejects.toThrow(/append-only/);
    await expect(db().auditEntry.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE "AuditEntry"`.execute(database().sql)).rejects.toThrow(/append-only/);
    expect(await entries()).toHaveLength(1);
  });
});
