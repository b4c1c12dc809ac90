// What the opportunity page shows beyond the API's deal: who attested each criterion, who moved
// the close date, who uploaded each file, the latest approval request, and where a lost deal was
// lost from. Each read takes the id of a deal the caller has already been allowed to see.
import type { Reader } from "../db";
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
export type ApprovalRequestView = {
  status: string;
  createdAt: string;
  requestedByName: string;
  justification: string;
  decisions: { group: string; decision: string; comment: string; deciderName: string; decidedAt: string }[];
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

export async function findLatestApprovalRequest(tx: Reader, opportunityId: string): Promise<ApprovalRequestView | null> {
  const r = await tx.approvalRequest.findFirst({
    where: { opportunityId },
    orderBy: { createdAt: "desc" },
    include: {
      requestedBy: { select: { name: true } },
      decisions: { orderBy: { decidedAt: "asc" }, include: { decider: { select: { name: true } } } },
    },
  });
  if (!r) return null;
  return {
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    requestedByName: r.requestedBy.name,
    justification: r.justification,
    decisions: r.decisions.map((d) => ({
      group: d.group,
      decision: d.decision,
      comment: d.comment,
      deciderName: d.decider.name,
      decidedAt: d.decidedAt.toISOString(),
    })),
  };
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
