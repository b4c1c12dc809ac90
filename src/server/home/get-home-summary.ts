// What the home page shows, by role: a rep's or manager's pipeline, the deal desk's queue, the
// admin's overview. Each part is scoped by the same authorization as the rest of the product.
import type { Actor } from "../../auth/actor";
import { can } from "../../auth/authorize";
import { approverGroups } from "../../auth/capabilities";
import { isDeskGroup } from "../../auth/permissions";
import type { DealDeskRule } from "../../domain/deal-desk/rules";
import { database, db, type Reader } from "../db";
import { loadDealDeskRules } from "../deal-desk/load-rules";
import { getActiveProcessVersion } from "../process/get-process-version";
import { getAdminOverview, type AdminOverview } from "./get-admin-overview";
import { getApprovalsSummary, type ApprovalsSummary } from "./get-approvals-summary";
import { getPipelineSummary, type PipelineSummary } from "./get-pipeline-summary";

export type HomeSummary = {
  pipeline: PipelineSummary | null;
  approvals: ApprovalsSummary | null;
  /** For the deal desk: the rules that route deals to it. */
  deskRules: DealDeskRule[] | null;
  admin: AdminOverview | null;
};

export async function getHomeSummary(actor: Actor, options: { tx?: Reader; now?: Date } = {}): Promise<HomeSummary> {
  const tx = options.tx ?? db();
  const now = options.now ?? new Date();
  const process = await getActiveProcessVersion(database().sql);
  const [pipeline, approvals, deskRules, admin] = await Promise.all([
    // A pipeline is the deals one works: those who change deals get one.
    can(actor, "opportunity.update") ? getPipelineSummary(tx, actor, process, now) : null,
    can(actor, "approval.queue") ? getApprovalsSummary(tx, actor) : null,
    // The rules that route deals to the groups the actor decides for at the deal desk.
    approverGroups(actor).some(isDeskGroup) ? loadDealDeskRules(database().sql) : null,
    can(actor, "users.manage") ? getAdminOverview(tx, process) : null,
  ]);
  return { pipeline, approvals, deskRules, admin };
}
