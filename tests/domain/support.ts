// Builders for the pure domain tests: a published Standard B2B process version, and deal facts that
// satisfy nothing optional (facts) or every criterion of chosen stages (factsSatisfying).
import { attestationKey, type DealFacts } from "@/src/domain/criteria/deal-facts";
import type { Unmet } from "@/src/domain/criteria/unmet-criteria";
import { contractBaseName } from "@/src/domain/files/contract-name";
import type { ProcessVersion, Stage } from "@/src/domain/process/process-version";
import { STANDARD_B2B } from "@/src/domain/process/templates/standard-b2b";
import { ProcessDefinition, type ContactRole, type CriterionField, type ExitCriterion, type FileKind } from "@/src/domain/process/types";

/** A published version of a process definition (Standard B2B unless given). */
export function processVersion(definition: ProcessDefinition = STANDARD_B2B, version = 1): ProcessVersion {
  const parsed = ProcessDefinition.parse(definition);
  return {
    id: `${parsed.key}-v${version}`,
    processId: `${parsed.key}-process`,
    processKey: parsed.key,
    name: parsed.name,
    version,
    stages: parsed.stages.map((s, order): Stage => ({ ...s, order, questions: s.questions ?? [] })),
  };
}

export const standardB2B = () => processVersion(STANDARD_B2B);

export function stageOf(process: ProcessVersion, key: string): Stage {
  const stage = process.stages.find((s) => s.key === key);
  if (!stage) throw new Error(`no stage ${key} in ${process.processKey}`);
  return stage;
}

/** The Unmet entries of the named criteria of a stage (all of them when no key is given), in stage order. */
export function unmetOf(process: ProcessVersion, stageKey: string, ...keys: string[]): Unmet[] {
  const stage = stageOf(process, stageKey);
  const criteria = keys.length ? stage.exitCriteria.filter((c) => keys.includes(c.key)) : stage.exitCriteria;
  if (keys.length && criteria.length !== keys.length) throw new Error(`unknown criterion in ${keys.join(", ")}`);
  return criteria.map((c) => ({ stage: stage.key, key: c.key, label: c.label, type: c.type }));
}

/** Deal facts that satisfy no optional criterion: no contacts, attestations, files or plan steps, empty texts. */
export function facts(overrides: Partial<DealFacts> = {}): DealFacts {
  return {
    accountName: "Envoy",
    type: "new",
    amountCents: 0,
    closeDate: "2022-03-24",
    nextStep: "",
    nextStepDue: null,
    buyingProcess: "",
    decisionCriteria: "",
    whyWon: "",
    years: null,
    users: null,
    termMonths: 12,
    contactRoles: [],
    attested: new Set<string>(),
    files: [],
    planSteps: [],
    approvalStatus: "not_required",
    ...overrides,
  };
}

/** Three plan steps, each with an owner and a due date. */
export const completePlan = (): DealFacts["planSteps"] => [
  { ownerUserId: "rep-1", ownerName: "", dueDate: "2022-03-01" },
  { ownerUserId: null, ownerName: "Priya (buyer's legal)", dueDate: "2022-03-10" },
  { ownerUserId: "rep-1", ownerName: "", dueDate: "2022-03-24" },
];

/** The signed contract file, named by the convention for these facts. */
export const signedContract = (deal: DealFacts, extension = ".pdf") => ({
  kind: "signed_contract" as const,
  storedName: `${contractBaseName(deal)}${extension}`,
});

/** A value that meets an `is_set` condition, per field. */
const SET_VALUES: Record<Exclude<CriterionField, "contacts">, string | number> = {
  amount: 1000,
  closeDate: "2022-03-24",
  nextStep: "Send the order form",
  nextStepDue: "2022-03-01",
  buyingProcess: "Procurement after a CFO sign-off",
  decisionCriteria: "Price, SSO, support hours",
  whyWon: "Best fit for the ops team",
  years: 2,
  users: 11,
};

function satisfyField(deal: DealFacts, criterion: Extract<ExitCriterion, { type: "field" }>): DealFacts {
  const { field, condition } = criterion;
  if (field === "contacts") {
    const role: ContactRole = condition.op === "has_contact_role" ? condition.role : "user";
    return deal.contactRoles.includes(role) ? deal : { ...deal, contactRoles: [...deal.contactRoles, role] };
  }
  const value = condition.op === "equals" ? condition.value : condition.op === "gt" ? condition.value + 1 : SET_VALUES[field];
  switch (field) {
    case "amount":
      return { ...deal, amountCents: Math.round(Number(value) * 100) };
    case "years":
    case "users":
      return { ...deal, [field]: Number(value) };
    case "closeDate":
      return condition.op === "is_set" && deal.closeDate.trim() !== "" ? deal : { ...deal, closeDate: String(value) };
    default:
      return { ...deal, [field]: String(value) };
  }
}

/** Deal facts meeting every exit criterion of the given stages (attestations, contacts, fields, files, plan, approval). */
export function factsSatisfying(
  stageKeys: readonly string[],
  overrides: Partial<DealFacts> = {},
  process: ProcessVersion = standardB2B(),
): DealFacts {
  let deal = facts(overrides);
  const attested = new Set(deal.attested);
  const documents: FileKind[] = [];
  for (const stageKey of stageKeys) {
    const stage = stageOf(process, stageKey);
    for (const criterion of stage.exitCriteria) {
      switch (criterion.type) {
        case "check":
          attested.add(attestationKey(stage.key, criterion.key));
          break;
        case "field":
          deal = satisfyField(deal, criterion);
          break;
        case "document":
          documents.push(criterion.documentKind);
          break;
        case "approval":
          deal = { ...deal, approvalStatus: "approved" };
          break;
        case "plan": {
          const steps = [...completePlan()];
          while (steps.length < criterion.minSteps) steps.push({ ownerUserId: "rep-1", ownerName: "", dueDate: "2022-03-20" });
          deal = { ...deal, planSteps: steps };
          break;
        }
      }
    }
  }
  deal = { ...deal, attested };
  // Files last: the signed contract's name depends on the account, type, years and users set above.
  const files = [...deal.files];
  for (const kind of documents) files.push(kind === "signed_contract" ? signedContract(deal) : { kind, storedName: `${kind.replace("_", "-")}.pdf` });
  return { ...deal, files };
}
