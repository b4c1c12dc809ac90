// The demo data as a pure plan: what to create, computed from the process, `now` and a random
// source. The same inputs give the same plan, so the demo is the same on every start.
import { openStages, type ProcessVersion } from "../../domain/process/process-version";
import { ACCOUNTS } from "./demo-accounts";
import type { DemoPlan, PlannedDeal } from "./demo-plan";
import { demoScenarios } from "./demo-scenarios";
import type { DeskSetup } from "./plan-deal-approvals";
import { type ChecklistStage, customerContact, planChecklist } from "./plan-deal-checklist";
import { planPlay, type PlayScenario } from "./plan-deal-plays";
import { planDemoDeal } from "./plan-demo-deal";
import { draw, type Random } from "./seeded-random";

/** `desk`: the deal desk rules and target turnaround the demo's requests were made under. */
export function planDemoData(process: ProcessVersion, now: Date, random: Random, desk: DeskSetup): DemoPlan {
  const d = draw(random);
  const scenarios = demoScenarios(openStages(process).length, d);
  // One deal per account keeps deal names unique: the loader keys each deal's id by its name.
  const accounts = d.shuffle(ACCOUNTS);
  if (accounts.length < scenarios.length) throw new Error("Not enough demo accounts for the demo deals.");
  const deals = scenarios.map((s, i) => planDemoDeal(process, s, accounts[i]!, now, d, desk));
  return { deals: withPlays(withChecklists(deals), now) };
}

/** Plays on the demo reps' latest losses: see plan-deal-plays.ts. */
function withPlays(deals: PlannedDeal[], now: Date): PlannedDeal[] {
  const latestLosses = (email: string) =>
    deals.filter((deal) => deal.status === "lost" && deal.ownerEmail === email).sort((a, b) => b.closedAt!.getTime() - a.closedAt!.getTime());
  const scenarios = new Map<PlannedDeal, PlayScenario>();
  const [raise, missed, answered] = latestLosses("rep@stageline.test");
  if (raise) scenarios.set(raise, "raise_due");
  if (missed) scenarios.set(missed, "missed_in_progress");
  if (answered) scenarios.set(answered, "missed_answered");
  const [upcoming] = latestLosses("rep2@stageline.test");
  if (upcoming) scenarios.set(upcoming, "raise_upcoming");
  return deals.map((deal) => {
    const scenario = scenarios.get(deal);
    const planned = scenario ? planPlay(deal, scenario, now) : null;
    if (!planned) return deal;
    const history = [...deal.history, ...planned.history].sort((a, b) => a.at.getTime() - b.at.getTime());
    return { ...deal, plays: [planned.play], history, version: history.length };
  });
}

/**
 * Each won deal with its Closed Won checklist: the latest new customer's win still being worked, the
 * new customer's win before it with a failed welcome e-mail, every other win done. Every send is in the deal's history, so its
 * version grows with it.
 */
function withChecklists(deals: PlannedDeal[]): PlannedDeal[] {
  const wins = deals.filter((deal) => deal.status === "won").sort((a, b) => b.closedAt!.getTime() - a.closedAt!.getTime());
  // New customers' wins, so that the welcome e-mail is on both checklists being worked.
  const [fresh, failed] = wins.filter((deal) => deal.type === "new");
  const stageOf = new Map<PlannedDeal, ChecklistStage>(
    wins.map((deal) => [deal, deal === fresh ? "fresh" : deal === failed ? "welcome_failed" : "done"]),
  );
  return deals.map((deal) => {
    const stage = stageOf.get(deal);
    if (!stage) return deal;
    // The latest win has no customer contact yet: its welcome e-mail asks for one.
    const contact = stage === "fresh" || deal.type !== "new" ? null : customerContact(deal);
    const { items, history } = planChecklist(deal, stage, contact);
    const all = [...deal.history, ...history].sort((a, b) => a.at.getTime() - b.at.getTime());
    return { ...deal, contacts: contact ? [...deal.contacts, contact] : deal.contacts, checklist: items, history: all, version: all.length };
  });
}
