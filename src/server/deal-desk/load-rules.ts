import { DEFAULT_RULES, RuleCondition, type DealDeskRule } from "../../domain/deal-desk/rules";
import { sql } from "kysely";
import type { ApproverGroup } from "../../generated/kysely/types";
import type { Sql, Tx } from "../db";
import { newId } from "../ids";

/**
 * The active deal desk rules, in their configured order: by position, then key, as the rules page
 * lists them, so that rules sharing a position fire and are shown in one order on every read.
 */
export async function loadDealDeskRules(q: Sql): Promise<DealDeskRule[]> {
  const rows = await q
    .selectFrom("DealDeskRule")
    .select(["key", "label", "condition", "version"])
    // An array of an enum type has no parser in the drivers: read it as text[].
    .select(sql<ApproverGroup[]>`"groups"::text[]`.as("groups"))
    .where("active", "=", true)
    .orderBy("position")
    .orderBy("key")
    .execute();
  return rows.map((r) => ({ key: r.key, label: r.label, version: r.version, groups: r.groups, condition: RuleCondition.parse(r.condition) }));
}

/** On first start the default rules (docs/rules/deal-desk.md) are written, each as its version 1; admins edit them afterwards. */
export async function ensureDefaultRules(tx: Tx): Promise<void> {
  if (await tx.selectFrom("DealDeskRule").select("id").limit(1).executeTakeFirst()) return;
  const now = new Date();
  const rows = DEFAULT_RULES.map((r, position) => ({
    id: newId(),
    key: r.key,
    label: r.label,
    condition: JSON.stringify(r.condition),
    groups: sql<ApproverGroup[]>`CAST(${`{${r.groups.join(",")}}`} AS "ApproverGroup"[])`,
    position,
    version: 1,
    updatedAt: now,
  }));
  await tx.insertInto("DealDeskRule").values(rows).execute();
  await tx
    .insertInto("DealDeskRuleVersion")
    .values(
      rows.map(({ id, label, condition, groups, position }) => ({
        id: newId(),
        ruleId: id,
        version: 1,
        label,
        condition,
        groups,
        active: true,
        position,
        createdAt: now,
      })),
    )
    .execute();
}
