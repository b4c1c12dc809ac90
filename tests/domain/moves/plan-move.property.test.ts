// Properties of the move rules (docs/rules/moves.md) and of the contract file name (contracts-and-files.md) over arbitrary input.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { toCalendarDate } from "@/src/domain/dates";
import { APPROVAL_STATUSES, attestationKey, type DealFacts } from "@/src/domain/criteria/deal-facts";
import { unmetCriteria } from "@/src/domain/criteria/unmet-criteria";
import { contractBaseName, followsContractConvention, safeCompanyName, type ContractFacts } from "@/src/domain/files/contract-name";
import { planMove, type DealPosition, type MovePlan, type MoveRequest } from "@/src/domain/moves/plan-move";
import type { ProcessVersion } from "@/src/domain/process/process-version";
import { STANDARD_B2B } from "@/src/domain/process/templates/standard-b2b";
import { CONTACT_ROLES, FILE_KINDS } from "@/src/domain/process/types";
import { factsSatisfying, processVersion, signedContract, standardB2B } from "../support";

const STANDARD = standardB2B();
const NO_CONTRACT = processVersion({
  ...STANDARD_B2B,
  key: "no_contract",
  name: "No contract criterion",
  stages: STANDARD_B2B.stages.map((s) =>
    s.key === "finalize" ? { ...s, exitCriteria: s.exitCriteria.filter((c) => c.key !== "signed_contract") } : s,
  ),
});
const OPEN_KEYS = STANDARD.stages.filter((s) => s.kind === "open").map((s) => s.key);
const ALL_ATTESTATIONS = STANDARD.stages.flatMap((s) => s.exitCriteria.filter((c) => c.type === "check").map((c) => attestationKey(s.key, c.key)));

// ---- arbitraries -------------------------------------------------------------------------------

const calendarDate = (from = "2000-01-01", to = "2099-12-31") =>
  fc.date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true }).map(toCalendarDate);
/** Texts that are sometimes blank, sometimes anything. */
const text = fc.oneof(
  { arbitrary: fc.constantFrom("", " ", "\t\n"), weight: 2 },
  { arbitrary: fc.constantFrom("none", "Budget moved to Q3"), weight: 3 },
  { arbitrary: fc.string(), weight: 2 },
  { arbitrary: fc.string({ unit: "binary" }), weight: 1 },
);
const accountName = fc.oneof(fc.constantFrom("Envoy", "Café/Bar", "", "日本"), fc.string({ unit: "binary", maxLength: 80 }));

const arbitraryFacts: fc.Arbitrary<DealFacts> = fc
  .record({
    accountName,
    type: fc.constantFrom("new" as const, "expansion" as const),
    amountCents: fc.integer({ min: -1_000_000, max: 1_000_000_000 }),
    closeDate: calendarDate(),
    nextStep: text,
    nextStepDue: fc.option(calendarDate(), { nil: null }),
    buyingProcess: text,
    decisionCriteria: text,
    whyWon: text,
    years: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    users: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
    termMonths: fc.integer({ min: 0, max: 240 }),
    contactRoles: fc.subarray([...CONTACT_ROLES]),
    attested: fc
      .tuple(fc.subarray(ALL_ATTESTATIONS), fc.array(fc.oneof(fc.string(), fc.constantFrom("qualify:contract_shared", "budget_confirmed"))))
      .map(([known, junk]) => new Set([...known, ...junk])),
    files: fc.array(
      fc.record({
        kind: fc.constantFrom(...FILE_KINDS),
        storedName: fc.oneof(fc.string(), fc.constantFrom("3.24.22_Envoy_1.pdf", "3.24.22_Envoy_EXPANSION_0.pdf", "contract.pdf")),
      }),
      { maxLength: 4 },
    ),
    planSteps: fc.array(
      fc.record({
        ownerUserId: fc.option(fc.constantFrom("rep-1", "manager-1"), { nil: null }),
        ownerName: fc.constantFrom("", " ", "Priya (buyer's legal)"),
        dueDate: fc.option(calendarDate(), { nil: null }),
      }),
      { maxLength: 6 },
    ),
    approvalStatus: fc.constantFrom(...APPROVAL_STATUSES),
  })
  .chain((deal) =>
    // Sometimes add the correctly named signed contract, so Closed Won can succeed.
    fc.boolean().map((withContract) => (withContract ? { ...deal, files: [...deal.files, signedContract(deal)] } : deal)),
  );

/** Arbitrary facts, or facts meeting every criterion of some stages (so that moves do succeed). */
const dealFacts = (process: ProcessVersion) =>
  fc.oneof(
    arbitraryFacts,
    fc
      .tuple(
        fc.subarray(OPEN_KEYS),
        fc.constantFrom("new" as const, "expansion" as const),
        fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
      )
      .map(([keys, type, users]) => factsSatisfying(keys, { type, users }, process)),
  );

const position: fc.Arbitrary<DealPosition> = fc.record({
  stageKey: fc.constantFrom(...STANDARD.stages.map((s) => s.key)),
  status: fc.oneof(
    { arbitrary: fc.constant("open" as const), weight: 6 },
    { arbitrary: fc.constantFrom("won" as const, "lost" as const, "disqualified" as const), weight: 3 },
  ),
});

const request: fc.Arbitrary<MoveRequest> = fc.record(
  {
    toStage: fc.oneof(
      { arbitrary: fc.constantFrom(...STANDARD.stages.map((s) => s.key)), weight: 8 },
      { arbitrary: fc.string(), weight: 1 },
      { arbitrary: fc.constantFrom("", "Qualify", "closed", "__proto__", "toString"), weight: 1 },
    ),
    reason: text,
    lost: fc.record({ reasonCategory: text, explanation: text, competitor: text, missingFunctionality: text }),
    won: fc.record({ whyWon: text }),
    override: fc.record({ justification: text }),
  },
  { requiredKeys: ["toStage"] },
);

const scenario = fc
  .record({
    process: fc.constantFrom(STANDARD, NO_CONTRACT),
    position,
    request,
    canOverride: fc.boolean(),
  })
  .chain((s) => dealFacts(s.process).map((deal) => ({ ...s, deal })));

const run = (s: { process: ProcessVersion; position: DealPosition; deal: DealFacts; request: MoveRequest; canOverride: boolean }) =>
  planMove(s.process, s.position, s.deal, s.request, { canOverride: s.canOverride });

// ---- shape -------------------------------------------------------------------------------------

const KINDS = ["forward", "backward", "won", "lost", "reopen"];

function expectDocumentedShape(plan: MovePlan, s: { process: ProcessVersion; position: DealPosition; request: MoveRequest }) {
  if (plan.ok) {
    expect(Object.keys(plan).sort()).toEqual(["from", "kind", "ok", "overridden", "to"]);
    expect(KINDS).toContain(plan.kind);
    expect(plan.from.key).toBe(s.position.stageKey);
    expect(plan.to.key).toBe(s.request.toStage);
    expect(s.process.stages).toContain(plan.from);
    expect(s.process.stages).toContain(plan.to);
    for (const u of plan.overridden) expect(Object.keys(u).sort()).toEqual(["key", "label", "stage", "type"]);
    return;
  }
  expect(typeof plan.message).toBe("string");
  expect(plan.message.trim()).not.toBe("");
  switch (plan.code) {
    case "EXIT_CRITERIA_UNMET":
      expect(Object.keys(plan).sort()).toEqual(["code", "message", "ok", "unmet"]);
      expect(plan.unmet.length).toBeGreaterThan(0);
      for (const u of plan.unmet) expect(Object.keys(u).sort()).toEqual(["key", "label", "stage", "type"]);
      break;
    case "VALIDATION_FAILED":
      expect(Object.keys(plan).sort()).toEqual(["code", "fields", "message", "ok"]);
      expect(plan.fields.length).toBeGreaterThan(0);
      for (const f of plan.fields) {
        expect(f.field).toMatch(
          /^(toStage|reason|won\.whyWon|override\.justification|lost\.(reasonCategory|explanation|competitor|missingFunctionality))$/,
        );
        expect(f.message.trim()).not.toBe("");
      }
      break;
    case "TRANSITION_NOT_ALLOWED":
    case "FORBIDDEN":
      expect(Object.keys(plan).sort()).toEqual(["code", "message", "ok"]);
      break;
    default:
      throw new Error(`undocumented plan ${JSON.stringify(plan)}`);
  }
}

describe("planMove over arbitrary deals, positions and requests", () => {
  test("never throws and always answers one of the documented shapes", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expectDocumentedShape(run(s), s);
      }),
      { numRuns: 1000 },
    );
  });

  test("a forward move allowed without override has no unmet criterion on the current and skipped stages", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const plan = run({ ...s, request: { ...s.request, override: undefined } });
        if (!plan.ok || plan.kind !== "forward") return;
        const path = s.process.stages.filter((st) => st.kind === "open" && st.order >= plan.from.order && st.order < plan.to.order);
        expect(path[0]).toBe(plan.from);
        expect(unmetCriteria(s.deal, path)).toEqual([]);
        expect(plan.overridden).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  test("a forward move is allowed without override whenever the current and skipped stages are done", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: OPEN_KEYS.length - 2 })
          .chain((i) => fc.tuple(fc.constant(i), fc.integer({ min: i + 1, max: OPEN_KEYS.length - 1 }))),
        ([i, j]) => {
          const deal = factsSatisfying(OPEN_KEYS.slice(i, j));
          const plan = planMove(STANDARD, { stageKey: OPEN_KEYS[i]!, status: "open" }, deal, { toStage: OPEN_KEYS[j]! }, { canOverride: false });
          expect(plan).toMatchObject({ ok: true, kind: "forward", overridden: [] });
        },
      ),
    );
  });

  test("Closed Won allowed without override means every criterion from the current stage on holds and the contract is named by the convention", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const plan = run({ ...s, request: { ...s.request, toStage: "closed_won", override: undefined } });
        if (!plan.ok) return;
        expect(plan.kind).toBe("won");
        const path = s.process.stages.filter((st) => st.kind === "open" && st.order >= plan.from.order);
        expect(unmetCriteria(s.deal, path)).toEqual([]);
        expect(s.deal.files.some((f) => f.kind === "signed_contract" && followsContractConvention(f.storedName, s.deal))).toBe(true);
        expect(s.request.won?.whyWon.trim()).toBeTruthy();
      }),
      { numRuns: 1000 },
    );
  });

  test("an allowed override lists exactly what was unmet, and only a manager's override is ever allowed", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const plan = run(s);
        if (plan.ok && plan.overridden.length > 0) {
          expect(s.canOverride).toBe(true);
          expect(s.request.override?.justification.trim()).toBeTruthy();
          expect(run({ ...s, request: { ...s.request, override: undefined } })).toMatchObject({
            ok: false,
            code: "EXIT_CRITERIA_UNMET",
            unmet: plan.overridden,
          });
        }
      }),
      { numRuns: 1000 },
    );
  });

  test("a move into Closed Lost from Identify is never allowed", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const plan = run({ ...s, position: { ...s.position, stageKey: "identify" }, request: { ...s.request, toStage: "closed_lost" } });
        expect(plan.ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  test("a won or disqualified deal never moves", () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom("won" as const, "disqualified" as const), (s, status) => {
        const plan = run({ ...s, position: { ...s.position, status } });
        expect(plan.ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  test("a lost deal only ever re-opens into Qualify or a later open stage", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const plan = run({ ...s, position: { stageKey: "closed_lost", status: "lost" } });
        if (!plan.ok) return;
        expect(plan.kind).toBe("reopen");
        expect(plan.to.kind).toBe("open");
        expect(plan.to.order).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 1000 },
    );
  });
});

// ---- contract file names -----------------------------------------------------------------------

const unicodeName = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: fc.constantFrom(..."aZ09 -_/\\:.'\"&+éÅßñ日\t\u0301\u00a0-".split("")) }),
);

describe("safeCompanyName over arbitrary unicode", () => {
  test("returns a non-empty name of letters, digits, & + and inner hyphens, at most 60 characters", () => {
    fc.assert(
      fc.property(unicodeName, (name) => {
        const safe = safeCompanyName(name);
        expect(safe).toMatch(/^[A-Za-z0-9&+-]+$/);
        expect(safe.startsWith("-")).toBe(false);
        expect(safe.endsWith("-")).toBe(false);
        expect(safe.length).toBeGreaterThan(0);
        expect(safe.length).toBeLessThanOrEqual(60);
      }),
      { numRuns: 1000 },
    );
  });

  test("is idempotent: a safe name stays as it is", () => {
    fc.assert(
      fc.property(unicodeName, (name) => {
        const safe = safeCompanyName(name);
        expect(safeCompanyName(safe)).toBe(safe);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("the proposed contract name always follows the convention", () => {
  // An expansion's name carries its number of users, so an expansion without one has no valid name.
  const contractFacts: fc.Arbitrary<ContractFacts> = fc
    .record({
      closeDate: calendarDate(),
      accountName: unicodeName,
      type: fc.constantFrom("new" as const, "expansion" as const),
      years: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
      users: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
      termMonths: fc.integer({ min: 1, max: 120 }),
    })
    .filter((f) => f.type === "new" || f.users !== null);

  test("followsContractConvention(contractBaseName(f) + ext, f) for any valid facts and extension", () => {
    fc.assert(
      fc.property(contractFacts, fc.constantFrom(".pdf", ".docx", ".PDF", ""), (f, ext) => {
        const name = contractBaseName(f) + ext;
        expect(name).toMatch(/^[1-9]\d?\.[1-9]\d?\.\d{2}_[A-Za-z0-9&+-]+_(EXPANSION_)?\d+(\.[A-Za-z]+)?$/);
        expect(followsContractConvention(name, f)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  test("another deal's name (other account, type, years or users) is not accepted", () => {
    fc.assert(
      fc.property(contractFacts, contractFacts, (f, g) => {
        const same =
          safeCompanyName(f.accountName) === safeCompanyName(g.accountName) &&
          f.type === g.type &&
          (f.type === "expansion"
            ? (f.users ?? 0) === (g.users ?? 0)
            : contractBaseName(f).split("_").at(-1) === contractBaseName(g).split("_").at(-1));
        expect(followsContractConvention(`${contractBaseName(f)}.pdf`, g)).toBe(same);
      }),
      { numRuns: 1000 },
    );
  });
});
