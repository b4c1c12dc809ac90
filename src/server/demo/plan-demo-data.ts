// The demo data as a pure plan: what to create, computed from the process, `now` and a random
// source. The same inputs give the same plan, so the demo is the same on every start.
import { openStages, type ProcessVersion } from "../../domain/process/process-version";
import { ACCOUNTS } from "./demo-accounts";
import type { DemoPlan } from "./demo-plan";
import { demoScenarios } from "./demo-scenarios";
import type { DeskSetup } from "./plan-deal-approvals";
import { planDemoDeal } from "./plan-demo-deal";
import { draw, type Random } from "./seeded-random";

/** `desk`: the deal desk rules and target turnaround the demo's requests were made under. */
export function planDemoData(process: ProcessVersion, now: Date, random: Random, desk: DeskSetup): DemoPlan {
  const d = draw(random);
  const scenarios = demoScenarios(openStages(process).length, d);
  // One deal per account keeps deal names unique: the loader keys each deal's id by its name.
  const accounts = d.shuffle(ACCOUNTS);
  if (accounts.length < scenarios.length) throw new Error("Not enough demo accounts for the demo deals.");
  return { deals: scenarios.map((s, i) => planDemoDeal(process, s, accounts[i]!, now, d, desk)) };
}
