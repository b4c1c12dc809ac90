import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors";
import { database, db } from "../db";
import { getVisibleOpportunity } from "../opportunities/get-opportunity";
import { readStoredFile } from "./storage";
import type { UploadedFile } from "./upload-file";

export async function listFiles(actor: Actor, opportunityId: string): Promise<{ items: UploadedFile[] }> {
  await getVisibleOpportunity(database().sql, actor, opportunityId);
  const rows = await db().file.findMany({ where: { opportunityId }, orderBy: { uploadedAt: "desc" } });
  return {
    items: rows.map((f) => ({
      id: f.id,
      kind: f.kind,
      originalName: f.originalName,
      storedName: f.storedName,
      contentType: f.contentType,
      sizeBytes: f.sizeBytes,
      uploadedAt: f.uploadedAt.toISOString(),
    })),
  };
}

/** The bytes of a file of a deal the actor may see. */
export async function downloadFile(actor: Actor, opportunityId: string, fileId: string) {
  await getVisibleOpportunity(database().sql, actor, opportunityId);
  const file = await db().file.findFirst({ where: { id: fileId, opportunityId } });
  if (!file) throw new AppError("NOT_FOUND", "File not found.");
  return { file, bytes: await readStoredFile(file.storageKey) };
}
