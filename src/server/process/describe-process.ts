import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import type { ProcessVersion } from "../../domain/process/process-version";
import type { ProcessResponse } from "../../schemas/process";
import { database } from "../db";
import type { OpportunityType } from "../../generated/kysely/types";
import { getActiveProcessVersion, getProcessVersionForType } from "./get-process-version";

export function toProcessResponse(p: ProcessVersion): ProcessResponse {
  return {
    id: p.id,
    key: p.processKey,
    name: p.name,
    version: p.version,
    // Criteria keep their type-specific settings (field and condition, document kind…) flat.
    stages: p.stages,
  };
}

/** GET /api/v1/process: the process new opportunities follow, or those of one type. */
export async function describeActiveProcess(actor: Actor, type?: OpportunityType): Promise<ProcessResponse> {
  assertCan(actor, "process.read");
  const q = database().sql;
  return toProcessResponse(type ? await getProcessVersionForType(q, type) : await getActiveProcessVersion(q));
}
