// What the new deal form offers: the owners the actor may choose, and for each deal type where a new
// deal of it starts: the first stage of the process it follows (the process tied to the type, else the
// default one: docs/rules/sales-process.md), so the rep sees what it will ask of them, and the first
// qualification questions the deal will meet, to answer at once.
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { firstAskedQuestions } from "../../domain/process/qualification-answers";
import type { ProcessVersion } from "../../domain/process/process-version";
import { database, db } from "../db";
import { loadDealDeskRules } from "../deal-desk/load-rules";
import { getProcessVersionForType } from "../process/get-process-version";
import { listAssignableOwners } from "./people";

export const DEAL_TYPES = ["new", "expansion"] as const;
export type DealType = (typeof DEAL_TYPES)[number];

function startOf(process: ProcessVersion) {
  const first = process.stages[0]!;
  return {
    processKey: process.processKey,
    processName: process.name,
    firstStage: { name: first.name, definition: first.definition, criteria: first.exitCriteria.map((c) => c.label) },
    /** The qualification questions offered on the form: those of the first stage that asks any. */
    questions: firstAskedQuestions(process.stages),
  };
}

export type DealStart = ReturnType<typeof startOf>;

export async function getNewDealForm(actor: Actor) {
  assertCan(actor, "opportunity.create");
  const q = database().sql;
  const [newBusiness, expansion, owners, rules] = await Promise.all([
    getProcessVersionForType(q, "new"),
    getProcessVersionForType(q, "expansion"),
    listAssignableOwners(actor, db()),
    loadDealDeskRules(q),
  ]);
  const starts: Record<DealType, DealStart> = { new: startOf(newBusiness), expansion: startOf(expansion) };
  return {
    starts,
    /** Whether both types start in the same process (most workspaces): the page then names it once. */
    oneProcess: newBusiness.id === expansion.id,
    owners,
    deskRules: rules.map((r) => r.label),
  };
}

export type NewDealForm = Awaited<ReturnType<typeof getNewDealForm>>;
