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
import type { ProcessSummary, PublishProcessRequest, UpdateProcessRequest } from "../../schemas/processes";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database, db, type Tx } from "../db";
import { toProcessResponse } from "./describe-process";
import { getProcessVersion } from "./get-process-version";
import { publishProcessVersion } from "./publish-process";

const summaryInclude = {
  versions: {
    orderBy: { version: "desc" },
    include: { _count: { select: { opportunities: true } }, publishedBy: { select: { name: true } } },
  },
} as const;

async function openDealsByVersion(processId?: string) {
  const groups = await db().opportunity.groupBy({
    by: ["processVersionId"],
    where: { status: "open", ...(processId ? { processVersion: { processId } } : {}) },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.processVersionId, g._count._all] as const));
}

type ProcessWithVersions = NonNullable<Awaited<ReturnType<typeof findProcess>>>;
const findProcess = (key: string) => db().process.findUnique({ where: { key }, include: summaryInclude });

function toSummary(p: ProcessWithVersions, open: Map<string, number>): ProcessSummary {
  return {
    key: p.key,
    name: p.name,
    isDefault: p.isDefault,
    opportunityType: p.opportunityType,
    latestVersion: p.versions[0]?.version ?? 0,
    versions: p.versions.map((v) => ({
      id: v.id,
      version: v.version,
      publishedAt: v.publishedAt.toISOString(),
      publishedBy: v.publishedBy?.name ?? null,
      note: v.note,
      opportunities: v._count.opportunities,
      openOpportunities: open.get(v.id) ?? 0,
    })),
  };
}

export async function listProcesses(actor: Actor) {
  assertCan(actor, "process.manage");
  const processes = await db().process.findMany({ orderBy: { createdAt: "asc" }, include: summaryInclude });
  const drafts = await db().processDraft.findMany({ orderBy: { createdAt: "asc" } });
  const open = await openDealsByVersion();
  return {
    drafts: drafts.map((d) => ({
      processKey: d.processKey,
      name: (d.definition as { name?: string }).name ?? "",
      version: d.version,
      updatedAt: d.updatedAt.toISOString(),
    })),
    items: processes.map((p) => toSummary(p, open)),
    catalog: editorCatalog(),
    templates: PROCESS_TEMPLATES.map((t) => ({ key: t.key, name: t.name, description: t.description })),
  };
}

/**
 * PATCH /processes/{key}: make the process the default, and tie it to an opportunity type or untie
 * it. A type another process is tied to is 409 with that process: untie it first, so a tie is never
 * moved by surprise (docs/rules/sales-process.md#opportunity-types).
 */
export async function updateProcess(actor: Actor, key: string, input: UpdateProcessRequest): Promise<ProcessSummary> {
  assertCan(actor, "process.manage");
  await database().transaction(async (tx) => {
    const current = await tx
      .selectFrom("Process")
      .select(["id", "key", "isDefault", "opportunityType"])
      .where("key", "=", key)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new AppError("NOT_FOUND", `There is no process ${key}.`);
    const type = input.opportunityType;
    if (type) {
      // Locked so two admins tying two processes to one type at once are told, not failed by the unique index.
      const tied = await tx
        .selectFrom("Process")
        .select(["key", "name"])
        .where("opportunityType", "=", type)
        .where("id", "!=", current.id)
        .forUpdate()
        .executeTakeFirst();
      if (tied)
        throw new AppError("CONFLICT", `New ${type} deals follow the process ${tied.name} already: untie it first.`, {
          current: { key: tied.key, name: tied.name, opportunityType: type },
        });
    }
    const becomesDefault = input.isDefault === true && !current.isDefault;
    const retied = type !== undefined && type !== current.opportunityType;
    if (!becomesDefault && !retied) return;
    if (becomesDefault)
      await tx
        .updateTable("Process")
        .set((eb) => ({ isDefault: eb("id", "=", current.id).$castTo<boolean>() }))
        .where((eb) => eb.or([eb("isDefault", "=", true), eb("id", "=", current.id)]))
        .execute();
    if (retied) await tx.updateTable("Process").set({ opportunityType: type }).where("id", "=", current.id).execute();
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "process.updated",
      object: { type: "process", id: current.id },
      before: { key, isDefault: current.isDefault, opportunityType: current.opportunityType },
      after: { key, isDefault: current.isDefault || becomesDefault, opportunityType: retied ? type : current.opportunityType },
    });
  });
  const updated = await findProcess(key);
  return toSummary(updated!, await openDealsByVersion(updated!.id));
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
