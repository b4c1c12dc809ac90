import { STANDARD_B2B } from "../../domain/process/templates";
import type { Tx } from "../db";
import { publishProcessVersion } from "./publish-process";

/** On first start the Standard B2B process is published and made the default. */
export async function ensureDefaultProcess(tx: Tx): Promise<void> {
  const existing = await tx.selectFrom("Process").select("id").where("isDefault", "=", true).executeTakeFirst();
  if (existing) return;
  await publishProcessVersion(tx, STANDARD_B2B, { makeDefault: true, note: "Shipped template" });
}
