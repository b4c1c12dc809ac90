// What a demo deal has done to meet exit criteria: every criterion that data can satisfy, for each
// stage it has left (skipped stages included), and some of its current stage's. A document criterion
// gets its upload here, named and made in plan-deal-files.ts; approval requests are planned apart
// (plan-deal-approvals.ts), and a deal past the deal desk gate carries standard terms, its approval,
// or an override that says what was unmet.
import type { Stage } from "../../domain/process/process-version";
import type { ExitCriterion } from "../../domain/process/types";
import type { FileKind } from "../../domain/process/types";
import type { ContactRole } from "../../generated/prisma/client";
import { toMinute } from "./demo-dates";
import { FIRST_NAMES, LAST_NAMES, TITLES, domainOf } from "./demo-accounts";
import type { PlannedAttestation, PlannedContact } from "./demo-plan";
import type { Scenario } from "./demo-scenarios";
import { ATTESTATION_NOTES, BUYING_PROCESSES, DECISION_CRITERIA } from "./demo-texts";
import type { Timeline, Visit } from "./plan-deal-timeline";
import type { Draw } from "./seeded-random";

export type Unmet = { stage: string; key: string; label: string };

/** A document the deal's owner uploaded to meet a criterion, at a time inside the stage's window. */
export type PlannedDocument = { stageKey: string; criterionKey: string; kind: FileKind; uploadedAt: Date };

export type CriteriaPlan = {
  contacts: PlannedContact[];
  attestations: PlannedAttestation[];
  documents: PlannedDocument[];
  buyingProcess: string;
  decisionCriteria: string;
  closePlan: { at: Date; minSteps: number } | null;
  overrideUnmet: Unmet[];
};

const within = (v: Visit, d: Draw) => toMinute(v.enteredAt.getTime() + ((v.leftAt.getTime() - v.enteredAt.getTime()) * d.int(15, 85)) / 100);

/** The criteria the overridden move left unmet: the approval, or the stage's last check. */
function overrideUnmet(s: Scenario, stage: Stage): Unmet[] {
  const unmet =
    s.override === "approval"
      ? stage.exitCriteria.filter((c) => c.type === "approval")
      : stage.exitCriteria.filter((c) => c.type === "check").slice(-1);
  return unmet.map((c) => ({ stage: stage.key, key: c.key, label: c.label }));
}

export function planCriteria(stages: readonly Stage[], s: Scenario, t: Timeline, account: string, d: Draw): CriteriaPlan {
  const plan: CriteriaPlan = {
    contacts: [],
    attestations: [],
    documents: [],
    buyingProcess: "",
    decisionCriteria: "",
    closePlan: null,
    overrideUnmet: [],
  };
  const names = new Set<string>();
  const addContact = (role: ContactRole, addedAt: Date) => {
    if (plan.contacts.some((c) => c.role === role)) return;
    let name = "";
    do name = `${d.pick(FIRST_NAMES)} ${d.pick(LAST_NAMES)}`;
    while (names.has(name));
    names.add(name);
    const email = `${name
      .toLowerCase()
      .replace(/[^a-z ]/g, "")
      .replace(" ", ".")}@${domainOf(account)}`;
    plan.contacts.push({ name, email, title: d.pick(TITLES[role]), role, addedAt });
  };

  const satisfy = (stage: Stage, c: ExitCriterion, window: Visit) => {
    switch (c.type) {
      case "check":
        plan.attestations.push({
          stageKey: stage.key,
          criterionKey: c.key,
          attestedAt: within(window, d),
          note: d.pick(ATTESTATION_NOTES),
        });
        return;
      case "field":
        if (c.field === "buyingProcess") plan.buyingProcess = d.pick(BUYING_PROCESSES);
        else if (c.field === "decisionCriteria") plan.decisionCriteria = d.pick(DECISION_CRITERIA);
        else if (c.condition.op === "has_contact_role") addContact(c.condition.role, within(window, d));
        return; // the other fields (close date, amount…) are set on every deal
      case "plan":
        plan.closePlan ??= { at: within(window, d), minSteps: c.minSteps };
        return;
      case "document":
        plan.documents.push({ stageKey: stage.key, criterionKey: c.key, kind: c.documentKind, uploadedAt: within(window, d) });
        return;
      case "approval":
        return;
      default: {
        const never: never = c;
        throw new Error(`Unknown criterion ${JSON.stringify(never)}`);
      }
    }
  };

  // Stages left behind: met while in them, or, for a skipped stage, before the move that skipped it.
  const passed = s.outcome === "won" ? stages.length : s.stageIndex;
  const overridden = s.override ? stages[stages.length - 2] : undefined;
  for (let index = 0; index < passed; index++) {
    const stage = stages[index]!;
    const window = t.visits.find((v) => v.stageIndex === index) ?? t.visits[t.visits.findIndex((v) => v.stageIndex > index) - 1]!;
    const unmet = stage === overridden ? overrideUnmet(s, stage) : [];
    plan.overrideUnmet.push(...unmet);
    for (const c of stage.exitCriteria) if (!unmet.some((u) => u.key === c.key)) satisfy(stage, c, window);
  }
  // Partial progress in the stage it is in (or was lost or disqualified from), as the board shows it.
  const current = t.visits[t.visits.length - 1]!;
  const currentStage = stages[s.stageIndex]!;
  if (s.outcome !== "won") for (const c of currentStage.exitCriteria) if (d.chance(0.45)) satisfy(currentStage, c, current);

  // The rest of a real buying group, met as the deal progresses (Standard B2B: 1 Qualify, 3 Negotiate).
  const reached = (index: number) => t.visits.find((v) => v.stageIndex === index);
  if (reached(0) && d.chance(0.4)) addContact("influencer", within(reached(0)!, d));
  if (reached(1)) addContact("technical_buyer", within(reached(1)!, d));
  const negotiating = reached(3);
  if (negotiating) for (const role of ["economic_buyer", "procurement", "legal"] as const) addContact(role, within(negotiating, d));
  plan.contacts.sort((a, b) => a.addedAt.getTime() - b.addedAt.getTime());
  plan.attestations.sort((a, b) => a.attestedAt.getTime() - b.attestedAt.getTime());
  plan.documents.sort((a, b) => a.uploadedAt.getTime() - b.uploadedAt.getTime());
  return plan;
}
