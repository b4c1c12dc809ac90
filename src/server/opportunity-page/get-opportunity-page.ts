// Everything the opportunity page shows, read for one actor. Visibility is the use cases' own
// (getVisibleOpportunity): a deal out of reach is NOT_FOUND here exactly as in the API.
import type { Actor } from "../../auth/actor";
import { maySubmitFor } from "../../auth/approval-access";
import { opportunityCapabilities } from "../../auth/capabilities";
import { criteriaStatus } from "../../domain/criteria/unmet-criteria";
import { daysBetween, toCalendarDate } from "../../domain/dates";
import { contractBaseName, contractNeedsUsers } from "../../domain/files/contract-name";
import type { Stage } from "../../domain/process/process-version";
import { database, db } from "../db";
import { getClosePlan } from "../opportunities/close-plan";
import { dealFacts } from "../opportunities/deal-facts";
import { getVisibleOpportunity, respondWith } from "../opportunities/get-opportunity";
import { opportunityHistory } from "../opportunities/opportunity-history";
import { findPlanOwners } from "../opportunities/plan-owners";
import { getProcessVersion } from "../process/get-process-version";
import { buildChecklist } from "./checklist";
import * as details from "./page-details";
import { listAssignableOwners } from "./people";
import { stageOutlook } from "./stage-outlook";

/** A stage with its exit criteria: the move dialogs show how to meet those of every stage in the way. */
export type StageView = Stage;

export async function getOpportunityPage(actor: Actor, id: string, now = new Date()) {
  const tx = db();
  // One statement reads the deal with the deal desk rules; the response and the checklist share them.
  const { row, rules } = await getVisibleOpportunity(database().sql, actor, id);
  const [deal, process] = await Promise.all([respondWith(database().sql, row, rules, now), getProcessVersion(database().sql, row.processVersionId)]);
  const lostStage = process.stages.find((s) => s.kind === "lost");
  const [attestations, closeDateChanges, files, approvalRequest, lostFrom, history, closePlan, planOwners] = await Promise.all([
    details.findAttestations(tx, id),
    details.findCloseDateChanges(tx, id),
    details.findFiles(tx, id),
    details.findLatestApprovalRequest(actor, id, now),
    row.status === "lost" && lostStage ? details.findLostFromStage(tx, id, lostStage.key) : null,
    opportunityHistory(actor, id),
    getClosePlan(actor, id, now),
    findPlanOwners(database().sql, { ownerId: row.ownerId, ownerTeamId: row.owner.teamId }),
  ]);

  const facts = dealFacts(row, rules);
  const stage = process.stages.find((s) => s.key === row.stageKey)!;
  const isOpen = row.status === "open";
  const may = opportunityCapabilities(actor, { ownerId: row.ownerId, ownerTeamId: row.owner.teamId });
  const contractFacts = {
    closeDate: deal.closeDate,
    accountName: row.accountName,
    type: row.type,
    years: row.years,
    users: row.users,
    termMonths: row.termMonths,
  };

  return {
    deal,
    process: {
      name: process.name,
      version: process.version,
      stages: process.stages,
    },
    daysInStage: Math.max(0, daysBetween(toCalendarDate(row.stageEnteredAt), toCalendarDate(now))),
    checklist: isOpen
      ? buildChecklist(criteriaStatus(facts, stage), { stageKey: stage.key, attestations, files, contacts: deal.contacts, closePlan })
      : [],
    outlook: stageOutlook(process, { stageKey: row.stageKey, status: row.status }, facts),
    lostFrom,
    closePlan,
    closeDateChanges,
    files,
    /** The latest approval request, as the API answers it for the actor; null when none or out of their sight. */
    approvalRequest,
    /** Submitting the deal to the deal desk (and withdrawing): its owner or the owner's manager, while it is open. */
    maySubmitApproval: isOpen && maySubmitFor(actor, { ownerId: row.ownerId, ownerTeamId: row.owner.teamId }),
    history: history.items,
    planOwners,
    owners: may.assignOwner ? await listAssignableOwners(actor, tx) : [],
    /** The base name a signed contract is stored under; null while an expansion has no users. */
    contractName: contractNeedsUsers(row) ? null : contractBaseName(contractFacts),
    permissions: {
      /** Fields, criteria, plan, files: the deal's owner or their manager, while it is open. */
      canEdit: may.change && isOpen,
      /** Moves, including closing and re-opening. */
      canMove: may.change && row.status !== "won" && row.status !== "disqualified",
      canOverride: may.override,
      canAssignOwner: may.assignOwner,
    },
  };
}

export type OpportunityPage = Awaited<ReturnType<typeof getOpportunityPage>>;
export type ChecklistItem = OpportunityPage["checklist"][number];
export type HistoryItem = OpportunityPage["history"][number];
