// A process's draft (docs/rules/sales-process.md#drafts): at most one per process, started from the
// latest version or a shipped template, saved whole at the version the editor read, discarded, or
// published as the process's next version. Admins only; every change is in the audit log.
import { sql } from "kysely";
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { type DraftDefinition, draftProblems, fromProcessDefinition, toProcessDefinition } from "../../domain/process/draft";
import { findTemplate, PROCESS_TEMPLATES } from "../../domain/process/templates";
import { AppError } from "../../errors";
import type { ProcessResponse } from "../../schemas/process";
import {
  type CreateDraftRequest,
  DraftDefinition as DraftSchema,
  type DraftResponse,
  type PublishDraftRequest,
  type ReplaceDraftRequest,
} from "../../schemas/process-drafts";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database, type Sql, type Tx } from "../db";
import { newId } from "../ids";
import { toProcessResponse } from "./describe-process";
import { getProcessVersion } from "./get-process-version";
import { latestVersionSummary } from "./manage-processes";
import { publishProcessVersion } from "./publish-process";

const draftQuery = (q: Sql, key: string) => q.selectFrom("ProcessDraft").selectAll().where("processKey", "=", key);
type DraftRow = NonNullable<Awaited<ReturnType<ReturnType<typeof draftQuery>["executeTakeFirst"]>>>;

function toDraftResponse(row: DraftRow): DraftResponse {
  // Stored only after the request's schema accepted it; parsed again so an older shape gets its defaults.
  const definition = DraftSchema.parse(row.definition);
  return {
    processKey: row.processKey,
    version: row.version,
    basedOnVersion: row.basedOnVersion,
    template: row.template,
    definition,
    problems: draftProblems(definition),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The draft as the audit log shows it: its version, name and stages in order (kind, probability, criteria and questions). */
function draftSummary(row: { version: number; definition: unknown; basedOnVersion: number | null; template: string | null }) {
  const d = DraftSchema.parse(row.definition);
  return {
    version: row.version,
    basedOnVersion: row.basedOnVersion,
    template: row.template,
    name: d.name,
    stages: d.stages.map(
      (s) =>
        `${s.key} (${s.kind}, ${s.probability}%; criteria: ${s.exitCriteria.map((c) => c.key).join(", ") || "none"}` +
        `${s.questions.length ? `; questions: ${s.questions.map((q) => q.key).join(", ")}` : ""})`,
    ),
  };
}

const processIdOf = async (q: Sql, key: string) => (await q.selectFrom("Process").select("id").where("key", "=", key).executeTakeFirst())?.id ?? null;

const noDraft = (key: string) => new AppError("NOT_FOUND", `The process ${key} has no draft.`);

async function stale(q: Sql, key: string): Promise<AppError> {
  const current = await draftQuery(q, key).executeTakeFirst();
  if (!current) return noDraft(key);
  return new AppError("VERSION_CONFLICT", "Someone else saved this draft since you loaded it. Reload it and try again.", {
    currentVersion: current.version,
    current: toDraftResponse(current),
  });
}

/** GET /processes/{key}/draft. */
export async function getDraft(actor: Actor, key: string): Promise<DraftResponse> {
  assertCan(actor, "process.manage");
  const row = await draftQuery(database().sql, key).executeTakeFirst();
  if (!row) throw noDraft(key);
  return toDraftResponse(row);
}

/** GET /processes/{key}/draft/problems: what stops the draft from being published. */
export async function getDraftProblems(actor: Actor, key: string) {
  return { problems: (await getDraft(actor, key)).problems };
}

/** The definition a new draft starts from: the template asked for, or the process's latest version. */
async function startingPoint(q: Sql, key: string, template: string | undefined) {
  if (template !== undefined) {
    const found = findTemplate(template);
    if (!found)
      throw new AppError("VALIDATION_FAILED", "No such template.", {
        fields: [{ field: "template", message: `one of ${PROCESS_TEMPLATES.map((t) => t.key).join(", ")}` }],
      });
    return { definition: fromProcessDefinition(found), basedOnVersion: null, template: found.key };
  }
  const latest = await q
    .selectFrom("ProcessVersion as v")
    .innerJoin("Process as p", "p.id", "v.processId")
    .select(["v.id", "v.version"])
    .where("p.key", "=", key)
    .orderBy("v.version", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!latest) throw new AppError("NOT_FOUND", `There is no process ${key} yet: start its draft from a template.`);
  const version = await getProcessVersion(q, latest.id);
  return {
    definition: fromProcessDefinition({ name: version.name, description: "", stages: version.stages }),
    basedOnVersion: latest.version,
    template: null,
  };
}

/** POST /processes/{key}/draft: 409 with the draft there is, when there is one. */
export async function createDraft(actor: Actor, key: string, input: CreateDraftRequest): Promise<DraftResponse> {
  assertCan(actor, "process.manage");
  return database().transaction(async (tx) => {
    const start = await startingPoint(tx, key, input?.template);
    const now = new Date();
    const row = await tx
      .insertInto("ProcessDraft")
      .values({
        id: newId(),
        processKey: key,
        definition: JSON.stringify(start.definition),
        version: 1,
        basedOnVersion: start.basedOnVersion,
        template: start.template,
        createdById: actor.id,
        updatedById: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .onConflict((oc) => oc.column("processKey").doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const current = await draftQuery(tx, key).executeTakeFirstOrThrow();
      throw new AppError("CONFLICT", `The process ${key} already has a draft: save over it, publish it or discard it first.`, {
        current: toDraftResponse(current),
      });
    }
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "process.draft_created",
      object: { type: "process", id: await processIdOf(tx, key) },
      before: null,
      after: { key, ...draftSummary(row) },
    });
    return toDraftResponse(row);
  });
}

/** PUT /processes/{key}/draft: the whole definition, at the version read. Saving what is already there writes nothing. */
export async function replaceDraft(actor: Actor, key: string, input: ReplaceDraftRequest): Promise<DraftResponse> {
  assertCan(actor, "process.manage");
  return database().transaction(async (tx) => {
    const current = await draftQuery(tx, key).forUpdate().executeTakeFirst();
    if (!current) throw noDraft(key);
    if (current.version !== input.version) throw await stale(tx, key);
    if (sameDefinition(DraftSchema.parse(current.definition), input.definition)) return toDraftResponse(current);
    const row = await tx
      .updateTable("ProcessDraft")
      .set({ definition: JSON.stringify(input.definition), version: sql<number>`"version" + 1`, updatedById: actor.id, updatedAt: new Date() })
      .where("processKey", "=", key)
      .where("version", "=", input.version)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "process.draft_saved",
      object: { type: "process", id: await processIdOf(tx, key) },
      before: { key, ...draftSummary(current) },
      after: { key, ...draftSummary(row) },
    });
    return toDraftResponse(row);
  });
}

const sameDefinition = (a: DraftDefinition, b: DraftDefinition) => JSON.stringify(a) === JSON.stringify(b);

/** DELETE /processes/{key}/draft. */
export async function discardDraft(actor: Actor, key: string): Promise<void> {
  assertCan(actor, "process.manage");
  await database().transaction(async (tx) => {
    const row = await tx.deleteFrom("ProcessDraft").where("processKey", "=", key).returningAll().executeTakeFirst();
    if (!row) throw noDraft(key);
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "process.draft_discarded",
      object: { type: "process", id: await processIdOf(tx, key) },
      before: { key, ...draftSummary(row) },
      after: null,
    });
  });
}

/**
 * POST /processes/{key}/draft/publish: the draft at the version read becomes the process's next
 * version and is removed, or, while it has problems, nothing happens and they are the 400's fields.
 */
export async function publishDraft(actor: Actor, key: string, input: PublishDraftRequest): Promise<ProcessResponse> {
  assertCan(actor, "process.manage");
  const published = await database().transaction(async (tx: Tx) => {
    const row = await draftQuery(tx, key).forUpdate().executeTakeFirst();
    if (!row) throw noDraft(key);
    if (row.version !== input.version) throw await stale(tx, key);
    const made = toProcessDefinition(key, DraftSchema.parse(row.definition));
    if (!made.ok) throw new AppError("VALIDATION_FAILED", "The draft cannot be published yet.", { fields: made.problems });
    const before = await latestVersionSummary(tx, key);
    const version = await publishProcessVersion(tx, made.definition, {
      publishedById: actor.id,
      makeDefault: input.makeDefault,
      note: input.note ?? "",
    });
    await tx.deleteFrom("ProcessDraft").where("id", "=", row.id).execute();
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "process.published",
      object: { type: "process", id: version.processId },
      before,
      after: { ...(await latestVersionSummary(tx, key)), fromDraft: row.version },
    });
    return version;
  });
  return toProcessResponse(await getProcessVersion(database().sql, published.processVersionId));
}
