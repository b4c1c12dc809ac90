import { DEFAULT_RULES, RuleCondition, type DealDeskRule } from "../../domain/deal-desk/rules";
import type { Tx } from "../db";

/** The active deal desk rules, in their configured order. */
export async function loadDealDeskRules(tx: Tx): Promise<DealDeskRule[]> {
  const rows = await tx.dealDeskRule.findMany({ where: { active: true }, orderBy: { position: "asc" } });
  return rows.map((r) => ({ key: r.key, label: r.label, groups: r.groups, condition: RuleCondition.parse(r.condition) }));
}

/** On first start the default rules of PRODUCT.md §3 are written; admins edit them afterwards. */
export async function ensureDefaultRules(tx: Tx): Promise<void> {
  if ((await tx.dealDeskRule.count()) > 0) return;
  await tx.dealDeskRule.createMany({
    data: DEFAULT_RULES.map((r, position) => ({ key: r.key, label: r.label, condition: r.condition, groups: r.groups, position })),
  });
}
