// What the new deal form offers: the owners the actor may choose, the first stage of the active
// process, where every new deal starts, so the rep sees what it will ask of them, and the first
// qualification questions the deal will meet, to answer at once.
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { firstAskedQuestions } from "../../domain/process/qualification-answers";
import { database, db } from "../db";
import { loadDealDeskRules } from "../deal-desk/load-rules";
import { getActiveProcessVersion } from "../process/get-process-version";
import { listAssignableOwners } from "./people";

export async function getNewDealForm(actor: Actor) {
  assertCan(actor, "opportunity.create");
  const tx = db();
  const [process, owners, rules] = await Promise.all([
    getActiveProcessVersion(database().sql),
    listAssignableOwners(actor, tx),
    loadDealDeskRules(database().sql),
  ]);
  const first = process.stages[0]!;
  return {
    processName: process.name,
    firstStage: { name: first.name, definition: first.definition, criteria: first.exitCriteria.map((c) => c.label) },
    /** The qualification questions offered on the form: those of the first stage that asks any. */
    questions: firstAskedQuestions(process.stages),
    owners,
    deskRules: rules.map((r) => r.label),
  };
}

export type NewDealForm = Awaited<ReturnType<typeof getNewDealForm>>;
