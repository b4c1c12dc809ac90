// The demo's second version of Standard B2B (docs/rules/sales-process.md#versions): the admin
// republished it twelve days before the demo's day, and the deals follow it, but for a few open
// ones still on version 1, for the deal-move page to show: some that would move, and one that would
// stay because it was moved past a criterion it never met (a deal desk override). Decided by the
// same rule the move uses, on the deals as written; recorded in the audit log as the console would.
import { sql } from "kysely";
import { STANDARD_B2B } from "../../domain/process/templates";
import { recordAudit } from "../audit/record-audit";
import type { Tx } from "../db";
import { loadOpportunities } from "../opportunities/load-opportunity";
import { getProcessVersion } from "../process/get-process-version";
import { latestVersionSummary } from "../process/manage-processes";
import { verdictFor } from "../process/move-deals";
import { publishProcessVersion } from "../process/publish-process";
import { addDays } from "./demo-dates";
import { DEMO_OFFICE_ADDRESS, DEMO_SETUP_DAYS_AGO } from "./seed-audit";

export const DEMO_REVISION = {
  note: "Quarterly review: the stage guidance checked against the last quarter's deals",
  daysAgo: 12,
  /** Open deals left on version 1 that would move, beside the one that would stay. */
  movable: 3,
};

export async function publishDemoRevision(tx: Tx, admin: { id: string; email: string }, now: Date): Promise<void> {
  const before = await latestVersionSummary(tx, STANDARD_B2B.key);
  const previous = await tx
    .selectFrom("ProcessVersion as v")
    .innerJoin("Process as p", "p.id", "v.processId")
    .select("v.id")
    .where("p.key", "=", STANDARD_B2B.key)
    .orderBy("v.version", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
  const publishedAt = addDays(now, -DEMO_REVISION.daysAgo);
  // Version 1 was published at start, when the demo's workspace was set up (seed-audit.ts), long before.
  await tx
    .updateTable("ProcessVersion")
    .set({ publishedAt: addDays(now, -DEMO_SETUP_DAYS_AGO) })
    .where("id", "=", previous.id)
    .execute();
  const made = await publishProcessVersion(tx, STANDARD_B2B, { publishedById: admin.id, note: DEMO_REVISION.note, makeDefault: true });
  await tx.updateTable("ProcessVersion").set({ publishedAt }).where("id", "=", made.processVersionId).execute();
  await recordAudit(tx, {
    actor: admin,
    action: "process.published",
    object: { type: "process", id: made.processId },
    before,
    after: await latestVersionSummary(tx, STANDARD_B2B.key),
    clientAddress: DEMO_OFFICE_ADDRESS,
    at: publishedAt,
  });

  // The open deals, oldest first: the first that would stay and the first few that would move keep version 1.
  const latest = await getProcessVersion(tx, made.processVersionId);
  const open = await loadOpportunities(tx, sql<boolean>`o."status" = 'open' AND o."processVersionId" = ${previous.id}`, (q) =>
    q.orderBy("o.createdAt").orderBy("o.id"),
  );
  const verdicts = open.map(({ row, rules }) => ({ id: row.id, outcome: verdictFor(row, rules, latest).outcome }));
  const kept = [
    ...verdicts.filter((v) => v.outcome === "stays").slice(0, 1),
    ...verdicts.filter((v) => v.outcome === "moves").slice(0, DEMO_REVISION.movable),
  ].map((v) => v.id);
  await tx
    .updateTable("Opportunity")
    .set({ processVersionId: made.processVersionId })
    .where("processVersionId", "=", previous.id)
    .$if(kept.length > 0, (q) => q.where("id", "not in", kept))
    .execute();
}
