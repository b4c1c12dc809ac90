// What the deal page's "Closing checklist" card shows for a won deal: the checklist as the API answers
// it, whether the actor may work it (who may change the deal), the people the hand-off may go to, and
// the agenda the invitation starts from. Null for a deal that is not won.
import type { Actor } from "../../auth/actor";
import { opportunityCapabilities } from "../../auth/capabilities";
import { DURATIONS_MINUTES, defaultAgenda } from "../../domain/closing/handoff-invitation";
import type { ChecklistResponse } from "../../schemas/closing";
import { getChecklist, openChecklistCounts } from "../closing/checklist";
import { database, db } from "../db";

export type CsmOption = { id: string; name: string; email: string };

export type ClosingCard = {
  checklist: ChecklistResponse;
  /** The "Closing" badge's count, as every list computes it (openChecklistCounts). */
  openItems: number;
  canAct: boolean;
  /** The active users of the workspace, any of whom may take the hand-off. */
  csmOptions: CsmOption[];
  defaultAgenda: string;
  /** The lengths the invitation offers. */
  durations: number[];
};

type WonDealFacts = { id: string; status: string; name: string; accountName: string; ownerId: string };

export async function getClosingCard(actor: Actor, deal: WonDealFacts): Promise<ClosingCard | null> {
  if (deal.status !== "won") return null;
  const [checklist, counts, owner, csmOptions] = await Promise.all([
    getChecklist(actor, deal.id),
    openChecklistCounts(database().sql, [deal.id]),
    db().user.findUnique({ where: { id: deal.ownerId }, select: { teamId: true } }),
    db().user.findMany({ where: { active: true }, select: { id: true, name: true, email: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    checklist,
    openItems: counts.get(deal.id) ?? 0,
    canAct: opportunityCapabilities(actor, { ownerId: deal.ownerId, ownerTeamId: owner?.teamId ?? null }).change,
    csmOptions,
    defaultAgenda: defaultAgenda(deal),
    durations: [...DURATIONS_MINUTES],
  };
}
