import { STANDARD_B2B } from "../../domain/process/templates";
import type { Reader } from "../db";
import { publishProcessVersion } from "./publish-process";

/** On first start the Standard B2B process is published and made the default. */
export async function ensureDefaultProcess(tx: Reader): Promise<void> {
  const existing = await tx.process.findFirst({ where: { isDefault: true }, select: { id: true } });
  if (existing) return;
  await publishProcessVersion(tx, STANDARD_B2B, { makeDefault: true, note: "Shipped template" });
}
