import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { conditionsFor, FIELD_VALUE_KINDS } from "../../domain/criteria/field-conditions";
import { draftProblems, fromProcessDefinition } from "../../domain/process/draft";
import {
  CONTACT_ROLES,
  CRITERION_FIELDS,
  CRITERION_TYPES,
  FILE_KINDS,
  FORECAST_CATEGORIES,
  MAX_STALL_DAYS,
  QUESTION_ANSWER_KINDS,
  STAGE_KINDS,
} from "../../domain/process/types";
import { findTemplate, PROCESS_TEMPLATES } from "../../domain/process/templates";
import { AppError } from "../../errors";
import type { ProcessResponse } from "../../schemas/process";
import type { PublishProcessRequest } from "../../schemas/processes";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database, db, type Tx } from "../db";
import { toProcessResponse } from "./describe-process";
import { getProcessVersion } from "./get-process-version";
import { publishProcessVersion } from "./publish-process";

export async function listProcesses(actor: Actor) {
  assertCan(actor, "process.manage");
  const processes = await db().process.findMany({
    orderBy: { createdAt: "asc" },
    include: { versions: { orderBy: { version: "desc" }, include: { _count: { select: { opportunities: true } } } } },
  });
  const drafts = await db().processDraft.findMany({ orderBy: { createdAt: "asc" } });
  const open = new Map(
    (await db().opportunity.groupBy({ by: ["processVersionId"], where: { status: "open" }, _count: { _all: true } })).map(
      (g) => [g.processVersionId, g._count._all] as const,
    ),
  );
  return {
    drafts: drafts.map((d) => ({
      processKey: d.processKey,
      name: (d.definition as { name?: string }).name ?? "",
      version: d.version,
      updatedAt: d.updatedAt.toISOString(),
    })),
    items: processes.map((p) => ({
      key: p.key,
      name: p.name,
      isDefault: p.isDefault,
      latestVersion: p.versions[0]?.version ?? 0,
      versions: p.versions.map((v) => ({
        id: v.id,
        version: v.version,
        publishedAt: v.publishedAt.toISOString(),
        note: v.note,
        opportunities: v._count.opportunities,
        openOpportunities: open.get(v.id) ?? 0,
      })),
    })),
    catalog: editorCatalog(),
    templates: PROCESS_TEMPLATES.map((t) => ({ key: t.key, name: t.name, description: t.description })),
  };
}

/**
 * Publishes a new version. Versions are immutable: deals keep following the version they were
 * created on, and new deals follow the latest version of the default process.
 */
export async function publishProcess(actor: Actor, input: PublishProcessRequest): Promise<ProcessResponse> {
  assertCan(actor, "process.manage");
  const definition = input.template !== undefined ? findTemplate(input.template) : input.definition;
  if (!definition)
    throw new AppError("VALIDATION_FAILED", "No such template.", {
      fields: [{ field: "template", message: `one of ${PROCESS_TEMPLATES.map((t) => t.key).join(", ")}` }],
    });
  // A definition meets the same rules as a draft (docs/rules/sales-process.md#validation).
  if (input.definition) {
    const problems = draftProblems(fromProcessDefinition(input.definition));
    if (problems.length > 0)
      throw new AppError("VALIDATION_FAILED", "The definition cannot be published.", {
        fields: problems.map((p) => ({ field: `definition.${p.field}`, message: p.message })),
      });
  }
  const published = await database().transaction(async (tx) => {
    const before = await latestVersionSummary(tx, definition.key);
    const made = await publishProcessVersion(tx, definition, { publishedById: actor.id, makeDefault: input.makeDefault, note: input.note ?? "" });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "process.published",
      object: { type: "process", id: made.processId },
      before,
      after: await latestVersionSummary(tx, definition.key),
    });
    return made;
  });
  return toProcessResponse(await getProcessVersion(database().sql, published.processVersionId));
}

/** A process's latest version as the audit log shows it (null before its first): name, version, note, default, stages in order. */
export async function latestVersionSummary(tx: Tx, key: string): Promise<Record<string, unknown> | null> {
  const row = await tx
    .selectFrom("ProcessVersion as v")
    .innerJoin("Process as p", "p.id", "v.processId")
    .select(["v.id", "v.version", "v.note", "p.key", "p.name", "p.isDefault"])
    .where("p.key", "=", key)
    .orderBy("v.version", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const stages = await tx
    .selectFrom("Stage")
    .select(["key", "kind", "probability"])
    .where("processVersionId", "=", row.id)
    .orderBy("order")
    .execute();
  return {
    key: row.key,
    name: row.name,
    version: row.version,
    note: row.note,
    isDefault: row.isDefault,
    stages: stages.map((s) => `${s.key} (${s.kind}, ${s.probability}%)`),
  };
}

/** What an editor offers: the lists a draft's values come from, and the conditions the engine supports on each field. */
export function editorCatalog() {
  return {
    stageKinds: [...STAGE_KINDS],
    forecastCategories: [...FORECAST_CATEGORIES],
    criterionTypes: [...CRITERION_TYPES],
    criterionFields: CRITERION_FIELDS.map((field) => ({ field, valueKind: FIELD_VALUE_KINDS[field], conditions: [...conditionsFor(field)] })),
    contactRoles: [...CONTACT_ROLES],
    fileKinds: [...FILE_KINDS],
    questionAnswerKinds: [...QUESTION_ANSWER_KINDS],
    maxStallDays: MAX_STALL_DAYS,
  };
}
