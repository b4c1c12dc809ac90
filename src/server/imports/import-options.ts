// What the import page offers when a file's stage or owner matches nothing: the stages of the process
// new deals follow, and the people the actor may import deals for (docs/rules/import.md).
import type { Actor } from "../../auth/actor";
import { assertCan, canImportFor } from "../../auth/authorize";
import type { Role } from "../../auth/permissions";
import { database } from "../db";
import { getActiveProcessVersion } from "../process/get-process-version";

export type ImportOptions = {
  processName: string;
  stages: { key: string; name: string }[];
  owners: { id: string; name: string; email: string }[];
};

export async function getImportOptions(actor: Actor): Promise<ImportOptions> {
  assertCan(actor, "opportunity.import");
  const q = database().sql;
  const [process, users] = await Promise.all([
    getActiveProcessVersion(q),
    q.selectFrom("User").select(["id", "name", "email", "role", "teamId"]).where("active", "=", true).orderBy("name").execute(),
  ]);
  return {
    processName: process.name,
    stages: process.stages.map((s) => ({ key: s.key, name: s.name })),
    owners: users.filter((u) => canImportFor(actor, { ...u, role: u.role as Role })).map(({ id, name, email }) => ({ id, name, email })),
  };
}
