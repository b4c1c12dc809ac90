import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import type { ProcessVersion } from "../../domain/process/process-version";
import type { ProcessResponse } from "../../schemas/process";
import { database } from "../db";
import { getActiveProcessVersion } from "./get-process-version";

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

/** GET /api/v1/process: the process new opportunities follow. */
export async function describeActiveProcess(actor: Actor): Promise<ProcessResponse> {
  assertCan(actor, "process.read");
  return toProcessResponse(await getActiveProcessVersion(database().sql));
}
