// Admins change the deal desk rules (docs/rules/deal-desk.md#changing-the-rules). Every save that
// changes a rule raises its version and keeps that version in DealDeskRuleVersion, in the same
// transaction, so that a request's record of the rule versions that fired stays explainable.
import { isDeepStrictEqual } from "node:util";
import { sql } from "kysely";
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { RuleCondition } from "../../domain/deal-desk/rules";
import { AppError, notFound } from "../../errors";
import type { ApproverGroup } from "../../generated/kysely/types";
import type {
  CreateDealDeskRuleRequest,
  DealDeskRuleResponse,
  DealDeskRuleVersionResponse,
  UpdateDealDeskRuleRequest,
} from "../../schemas/deal-desk";
import { database, type Sql, type Tx } from "../db";
import { auditActor, recordAudit } from "../audit/record-audit";
import { newId } from "../ids";

/** An array of an enum type has no parser in the drivers: groups are read as text[] and written as a cast. */
const groupsArray = (groups: readonly ApproverGroup[]) => sql<ApproverGroup[]>`CAST(${`{${groups.join(",")}}`} AS "ApproverGroup"[])`;

/** The rules with the author of each one's current version, in their configured order. */
function selectRules(q: Sql) {
  return q
    .selectFrom("DealDeskRule as r")
    .leftJoin("DealDeskRuleVersion as v", (join) => join.onRef("v.ruleId", "=", "r.id").onRef("v.version", "=", "r.version"))
    .leftJoin("User as u", "u.id", "v.createdById")
    .select([
      "r.id",
      "r.key",
      "r.label",
      "r.condition",
      "r.active",
      "r.position",
      "r.version",
      "r.updatedAt",
      "u.id as authorId",
      "u.name as authorName",
    ])
    .select(sql<ApproverGroup[]>`r."groups"::text[]`.as("groups"))
    .orderBy("r.position")
    .orderBy("r.key");
}

type RuleRow = Awaited<ReturnType<ReturnType<typeof selectRules>["execute"]>>[number];

const toRuleResponse = (r: RuleRow): DealDeskRuleResponse => ({
  id: r.id,
  key: r.key,
  label: r.label,
  condition: RuleCondition.parse(r.condition),
  groups: r.groups,
  active: r.active,
  position: r.position,
  version: r.version,
  updatedAt: r.updatedAt.toISOString(),
  updatedBy: r.authorId && r.authorName !== null ? { id: r.authorId, name: r.authorName } : null,
});

async function readRule(q: Sql, id: string): Promise<DealDeskRuleResponse> {
  const row = await selectRules(q).where("r.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Rule");
  return toRuleResponse(row);
}

/** Every rule, switched off ones included, with its version and who saved it last. */
export async function listDealDeskRules(actor: Actor): Promise<{ items: DealDeskRuleResponse[] }> {
  assertCan(actor, "rules.manage");
  const rows = await selectRules(database().sql).execute();
  return { items: rows.map(toRuleResponse) };
}

type RuleState = { label: string; condition: RuleCondition; groups: ApproverGroup[]; active: boolean; position: number };

async function writeVersion(tx: Tx, ruleId: string, version: number, state: RuleState, actor: Actor, now: Date): Promise<void> {
  await tx
    .insertInto("DealDeskRuleVersion")
    .values({
      id: newId(),
      ruleId,
      version,
      label: state.label,
      condition: JSON.stringify(state.condition),
      groups: groupsArray(state.groups),
      active: state.active,
      position: state.position,
      createdAt: now,
      createdById: actor.id,
    })
    .execute();
}

const duplicateKey = () => new AppError("CONFLICT", "A rule with this key already exists.", { field: "key" });

export async function createDealDeskRule(actor: Actor, input: CreateDealDeskRuleRequest, now = new Date()): Promise<DealDeskRuleResponse> {
  assertCan(actor, "rules.manage");
  const id = newId();
  await database().transaction(async (tx) => {
    const last = await tx
      .selectFrom("DealDeskRule")
      .select((eb) => eb.fn.max("position").as("position"))
      .executeTakeFirst();
    const state: RuleState = {
      label: input.label,
      condition: input.condition,
      groups: input.groups,
      active: input.active,
      position: input.position ?? (last?.position == null ? 0 : Number(last.position) + 1),
    };
    const inserted = await tx
      .insertInto("DealDeskRule")
      .values({
        id,
        key: input.key,
        label: state.label,
        condition: JSON.stringify(state.condition),
        groups: groupsArray(state.groups),
        active: state.active,
        position: state.position,
        version: 1,
        updatedAt: now,
      })
      // One statement, so that of two admins adding the same key at once, the second is told so too.
      .onConflict((oc) => oc.column("key").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) throw duplicateKey();
    await writeVersion(tx, id, 1, state, actor, now);
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "rule.created",
      object: { type: "rule", id },
      after: { key: input.key, ...state, version: 1 },
      at: now,
    });
  });
  return readRule(database().sql, id);
}

const versionConflict = (current: DealDeskRuleResponse) =>
  new AppError("VERSION_CONFLICT", "Someone else changed this rule since you loaded it. Reload and try again.", {
    currentVersion: current.version,
    current,
  });

/**
 * Changes a rule as of the version the caller read. A save that changes nothing makes no new
 * version; a stale version is refused even then, with the rule as it now is.
 */
export async function updateDealDeskRule(
  actor: Actor,
  id: string,
  { version, ...changes }: UpdateDealDeskRuleRequest,
  now = new Date(),
): Promise<DealDeskRuleResponse> {
  assertCan(actor, "rules.manage");
  return database().transaction(async (tx) => {
    // Locked for the rest of the transaction: of two saves from the same version, the second waits and then sees it is stale.
    const row = await tx
      .selectFrom("DealDeskRule")
      .select(["id", "label", "condition", "active", "position", "version"])
      .select(sql<ApproverGroup[]>`"groups"::text[]`.as("groups"))
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound("Rule");
    if (row.version !== version) throw versionConflict(await readRule(tx, id));
    const before: RuleState = {
      label: row.label,
      condition: RuleCondition.parse(row.condition),
      groups: row.groups,
      active: row.active,
      position: row.position,
    };
    const after: RuleState = {
      label: changes.label ?? before.label,
      condition: changes.condition ?? before.condition,
      groups: changes.groups ?? before.groups,
      active: changes.active ?? before.active,
      position: changes.position ?? before.position,
    };
    if (!isDeepStrictEqual(before, after)) {
      const next = row.version + 1;
      await tx
        .updateTable("DealDeskRule")
        .set({
          label: after.label,
          condition: JSON.stringify(after.condition),
          groups: groupsArray(after.groups),
          active: after.active,
          position: after.position,
          version: next,
          updatedAt: now,
        })
        .where("id", "=", id)
        .execute();
      await writeVersion(tx, id, next, after, actor, now);
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: "rule.updated",
        object: { type: "rule", id },
        before: { ...before, version: row.version },
        after: { ...after, version: next },
        at: now,
      });
    }
    return readRule(tx, id);
  });
}

/** Every saved version of a rule, newest first. */
export async function listRuleVersions(actor: Actor, id: string): Promise<{ items: DealDeskRuleVersionResponse[] }> {
  assertCan(actor, "rules.manage");
  const q = database().sql;
  if (!(await q.selectFrom("DealDeskRule").select("id").where("id", "=", id).executeTakeFirst())) throw notFound("Rule");
  const rows = await q
    .selectFrom("DealDeskRuleVersion as v")
    .leftJoin("User as u", "u.id", "v.createdById")
    .select(["v.version", "v.label", "v.condition", "v.active", "v.position", "v.createdAt", "u.id as authorId", "u.name as authorName"])
    .select(sql<ApproverGroup[]>`v."groups"::text[]`.as("groups"))
    .where("v.ruleId", "=", id)
    .orderBy("v.version", "desc")
    .execute();
  return {
    items: rows.map((v) => ({
      version: v.version,
      label: v.label,
      condition: RuleCondition.parse(v.condition),
      groups: v.groups,
      active: v.active,
      position: v.position,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.authorId && v.authorName !== null ? { id: v.authorId, name: v.authorName } : null,
    })),
  };
}
