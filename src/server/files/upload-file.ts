import crypto from "node:crypto";
import type { Actor } from "../../auth/actor";
import { assertCanChangeOpportunity } from "../../auth/authorize";
import { toCalendarDate } from "../../domain/dates";
import { contractBaseName } from "../../domain/files/contract-name";
import { checkUpload, DEFAULT_MAX_UPLOAD_BYTES, safeFileName } from "../../domain/files/upload-rules";
import type { FileKind } from "../../domain/process/types";
import { AppError } from "../../errors";
import { db } from "../db";
import { recordHistory } from "../history/record-history";
import { assertOpen } from "../opportunities/assert-open";
import { getVisibleOpportunity } from "../opportunities/get-opportunity";
import { updateVersioned } from "../opportunities/write-versioned";
import { removeStoredFile, writeStoredFile } from "./storage";

export const maxUploadBytes = () => Number(process.env.MAX_UPLOAD_BYTES) || DEFAULT_MAX_UPLOAD_BYTES;

export type UploadedFile = { id: string; kind: FileKind; originalName: string; storedName: string; contentType: string; sizeBytes: number; uploadedAt: string };

/** Attaches a file to a deal. A signed contract is renamed to the naming convention (PRODUCT.md §4). */
export async function uploadFile(
  actor: Actor,
  opportunityId: string,
  input: { kind: FileKind; name: string; bytes: Uint8Array },
  now = new Date(),
): Promise<UploadedFile> {
  const check = checkUpload(input.name, input.bytes, maxUploadBytes());
  if (!check.ok) {
    if (check.reason === "too_large") throw new AppError("PAYLOAD_TOO_LARGE", check.message);
    if (check.reason === "type") throw new AppError("UNSUPPORTED_MEDIA_TYPE", check.message);
    throw new AppError("VALIDATION_FAILED", check.message, { fields: [{ field: "file", message: check.message }] });
  }
  // Authorize before any byte is written.
  const deal = await getVisibleOpportunity(db(), actor, opportunityId);
  assertCanChangeOpportunity(actor, { ownerId: deal.ownerId, ownerTeamId: deal.owner.teamId });
  assertOpen(deal);

  if (input.kind === "signed_contract" && deal.type === "expansion" && deal.users === null)
    throw new AppError("VALIDATION_FAILED", "An expansion contract is named with its number of users: set the deal's users first.", {
      fields: [{ field: "users", message: "required to name an expansion contract" }],
    });
  const originalName = safeFileName(input.name);
  const storedName =
    input.kind === "signed_contract"
      ? `${contractBaseName({ closeDate: toCalendarDate(deal.closeDate), accountName: deal.accountName, type: deal.type, years: deal.years, users: deal.users, termMonths: deal.termMonths })}.${check.extension}`
      : originalName;
  const id = crypto.randomUUID();
  const storageKey = `${opportunityId}/${id}.${check.extension}`;
  await writeStoredFile(storageKey, input.bytes);
  try {
    return await db().$transaction(async (tx) => {
      // The deal must still be as it was read (open, same owner, same terms): a file also counts
      // as a change, so readers holding the old version must reload.
      await updateVersioned(tx, opportunityId, deal.version, {});
      const row = await tx.file.create({
        data: {
          id,
          opportunityId,
          kind: input.kind,
          originalName,
          storedName,
          storageKey,
          contentType: check.mime,
          sizeBytes: input.bytes.length,
          sha256: crypto.createHash("sha256").update(input.bytes).digest("hex"),
          uploadedById: actor.id,
          uploadedAt: now,
        },
      });
      await recordHistory(tx, { opportunityId, type: "file_attached", actorId: actor.id, at: now, details: { fileId: id, kind: input.kind, originalName, storedName } });
      return { id, kind: row.kind, originalName, storedName, contentType: row.contentType, sizeBytes: row.sizeBytes, uploadedAt: now.toISOString() };
    });
  } catch (e) {
    await removeStoredFile(storageKey).catch(() => undefined);
    throw e;
  }
}
