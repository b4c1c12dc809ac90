// What the opportunity page shows beyond the API's deal: who attested each criterion, who moved
// the close date, who uploaded each file, the latest approval request, and where a lost deal was
// lost from. Each read takes the id of a deal the caller has already been allowed to see.
import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors";
import type { ApprovalRequestResponse } from "../../schemas/approval-requests";
import { database, type Reader } from "../db";
import { getApprovalRequest } from "../deal-desk/approval-requests";
import { toCalendarDate } from "../../domain/dates";
import { webUrl } from "../../domain/text";
import type { FileKind } from "../../domain/process/types";

export type Attestation = {
  stageKey: string;
  criterionKey: string;
  byName: string;
  at: string;
  note: string;
  evidenceUrl: string;
  /** The link to follow, only for a web address: a row stored before links were checked may hold another scheme, shown as text. */
  evidenceHref: string | null;
};
export type CloseDateChangeView = {
  id: string;
  oldDate: string;
  newDate: string;
  slipDays: number;
  reason: string;
  byName: string | null;
  at: string;
};
export type FileView = {
  id: string;
  kind: FileKind;
  storedName: string;
  originalName: string;
  sizeBytes: number;
  uploadedAt: string;
  uploaderName: string | null;
};
export async function findAttestations(tx: Reader, opportunityId: string): Promise<Attestation[]> {
  const rows = await tx.criterionAttestation.findMany({
    where: { opportunityId },
    include: { attestedBy: { select: { name: true } } },
  });
  return rows.map((a) => ({
    stageKey: a.stageKey,
    criterionKey: a.criterionKey,
    byName: a.attestedBy.name,
    at: a.attestedAt.toISOString(),
    note: a.note,
    evidenceUrl: a.evidenceUrl,
    evidenceHref: webUrl(a.evidenceUrl),
  }));
}

export async function findCloseDateChanges(tx: Reader, opportunityId: string): Promise<CloseDateChangeView[]> {
  const rows = await tx.closeDateChange.findMany({
    where: { opportunityId },
    orderBy: [{ changedAt: "desc" }, { id: "desc" }],
    include: { changedBy: { select: { name: true } } },
  });
  return rows.map((c) => ({
    id: c.id,
    oldDate: toCalendarDate(c.oldDate),
    newDate: toCalendarDate(c.newDate),
    slipDays: c.slipDays,
    reason: c.reason,
    byName: c.changedBy?.name ?? null,
    at: c.changedAt.toISOString(),
  }));
}

export async function findFiles(tx: Reader, opportunityId: string): Promise<FileView[]> {
  const rows = await tx.file.findMany({
    where: { opportunityId },
    orderBy: [{ uploadedAt: "desc" }, { id: "asc" }],
    include: { uploadedBy: { select: { name: true } } },
  });
  return rows.map((f) => ({
    id: f.id,
    kind: f.kind,
    storedName: f.storedName,
    originalName: f.originalName,
    sizeBytes: f.sizeBytes,
    uploadedAt: f.uploadedAt.toISOString(),
    uploaderName: f.uploadedBy?.name ?? null,
  }));
}

/**
 * The deal's latest approval request as the API answers it for the actor (with the groups still
 * pending and what the actor may do to it), or null when there is none or the actor may not see it:
 * a deal desk member sees only the requests routed to their groups, even on a deal they see.
 */
export async function findLatestApprovalRequest(actor: Actor, opportunityId: string, now: Date): Promise<ApprovalRequestResponse | null> {
  const latest = await database()
    .sql.selectFrom("ApprovalRequest")
    .select("id")
    .where("opportunityId", "=", opportunityId)
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!latest) return null;
  return getApprovalRequest(actor, latest.id, { now }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") return null;
    throw e;
  });
}

/** The open stage a lost deal left for Closed Lost: the stage path shows how far it got. */
export async function findLostFromStage(tx: Reader, opportunityId: string, lostStageKey: string): Promise<string | null> {
  const entry = await tx.historyEntry.findFirst({
    where: { opportunityId, type: "stage_changed", toStage: lostStageKey },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { fromStage: true },
  });
  return entry?.fromStage ?? null;
}
