// The live checklist: each exit criterion of the current stage with whether it holds and what the
// page needs to let the rep fix it in place (who attested it, the files or contacts that count).
import { isPlanStepReady } from "../../domain/opportunities/close-plan";
import type { ExitCriterion } from "../../domain/process/types";
import type { ClosePlanResponse, OpportunityResponse } from "../../schemas/opportunities";
import type { Attestation, FileView } from "./page-details";

type Context = {
  stageKey: string;
  attestations: Attestation[];
  files: FileView[];
  contacts: OpportunityResponse["contacts"];
  closePlan: ClosePlanResponse;
};

export function buildChecklist(criteria: (ExitCriterion & { satisfied: boolean })[], ctx: Context) {
  return criteria.map((c) => {
    const base = { ...c, attestation: null as Attestation | null, files: [] as FileView[], contactNames: [] as string[], planReady: 0 };
    switch (c.type) {
      case "check":
        return { ...base, attestation: ctx.attestations.find((a) => a.stageKey === ctx.stageKey && a.criterionKey === c.key) ?? null };
      case "document":
        return { ...base, files: ctx.files.filter((f) => f.kind === c.documentKind) };
      case "field": {
        const role = c.condition.op === "has_contact_role" ? c.condition.role : null;
        return role ? { ...base, contactNames: ctx.contacts.filter((p) => p.role === role).map((p) => p.name) } : base;
      }
      case "plan":
        return { ...base, planReady: ctx.closePlan.steps.filter(isPlanStepReady).length };
      default:
        return base;
    }
  });
}
