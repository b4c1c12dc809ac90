import crypto from "node:crypto";
import type { Actor } from "../../auth/actor";
import { assertCanChangeOpportunity } from "../../auth/authorize";
import { toCalendarDate } from "../../domain/dates";
import { contractBaseName, contractNeedsUsers } from "../../domain/files/contract-name";
import { checkUpload, DEFAULT_MAX_UPLOAD_BYTES, safeFileName } from "../../domain/files/upload-rules";
import type { FileKind } from "../../domain/process/types";
import { AppError } from "../../errors";
import { database, type Tx } from "../db";
import { assertOpen } from "../opportunities/assert-open";
import { changeOpportunity } from "../opportunities/change-opportunity";
import { getVisibleOpportunity } from "../opportunities/get-opportunity";
import { removeStoredFile, writeStoredFile } from "./storage";

export const maxUploadBytes = () => Number(process.env.MAX_UPLOAD_BYTES) || DEFAULT_MAX_UPLOAD_BYTES;

export type UploadedFile = {
  id: string;
  kind: FileKind;
  originalName: string;
  storedName: string;
  contentType: string;
  sizeBytes: number;
  uploadedAt: string;
};

/** Attaches a file to a deal. A signed contract is renamed to the naming convention (docs/rules/contracts-and-files.md). */
export async function uploadFile(
  actor: Actor,
  opportunityId: string,
  input: { kind: FileKind; name: string; bytes: Uint8Array },
  now = new Date(),
  tx?: Tx,
): Promise<UploadedFile> {
  const check = checkUpload(input.name, input.bytes, maxUploadBytes());
  if (!check.ok) {
    if (check.reason === "too_large") throw new AppError("PAYLOAD_TOO_LARGE", check.message);
    if (check.reason === "type") throw new AppError("UNSUPPORTED_MEDIA_TYPE", check.message);
    throw new AppError("VALIDATION_FAILED", check.message, { fields: [{ field: "file", message: check.message }] });
  }
  // Authorize before any byte is written; the change below checks again, in its transaction.
  const { row: deal } = await getVisibleOpportunity(tx ?? database().sql, actor, opportunityId);
  assertCanChangeOpportunity(actor, { ownerId: deal.ownerId, ownerTeamId: deal.owner.teamId });
  assertOpen(deal);
  if (input.kind === "signed_contract" && contractNeedsUsers(deal))
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
  const file = {
    id,
    kind: input.kind,
    originalName,
    storedName,
    contentType: check.mime,
    sizeBytes: input.bytes.length,
    uploadedAt: now.toISOString(),
  };
  await writeStoredFile(storageKey, input.bytes);
  try {
    // At the version read above: the deal must still be as it was when the name was made (same
    // account, close date, terms), and a file also counts as a change, so readers holding the old
    // version must reload.
    return await changeOpportunity(
      actor,
      { id: opportunityId, version: deal.version },
      () => ({
        write: async (tx) => {
          const sha256 = crypto.createHash("sha256").update(input.bytes).digest("hex");
          await tx
            .insertInto("File")
            .values({ ...file, opportunityId, storageKey, sha256, uploadedById: actor.id, uploadedAt: now })
            .execute();
        },
        history: [{ type: "file_attached", details: { fileId: id, kind: input.kind, originalName, storedName } }],
      }),
      { tx, now, respond: async () => file },
    );
  } catch (e) {
    await removeStoredFile(storageKey).catch(() => undefined);
    throw e;
  }
}
