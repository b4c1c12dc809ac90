// The rules of moving a deal (docs/rules/moves.md, contracts-and-files.md), one test or more per rule, on the Standard B2B process.
import { describe, expect, test } from "vitest";
import type { DealFacts } from "@/src/domain/criteria/deal-facts";
import { isMoveBack, planMove, type DealPosition, type MoveRequest } from "@/src/domain/moves/plan-move";
import type { ProcessVersion } from "@/src/domain/process/process-version";
import { STANDARD_B2B } from "@/src/domain/process/templates/standard-b2b";
import { completePlan, facts, factsSatisfying, processVersion, signedContract, stageOf, standardB2B, unmetOf } from "../support";

const P = standardB2B();
const open = (stageKey: string): DealPosition => ({ stageKey, status: "open" });
const LOST_DEAL: DealPosition = { stageKey: "closed_lost", status: "lost" };
const WON_DEAL: DealPosition = { stageKey: "closed_won", status: "won" };
const DISQUALIFIED_DEAL: DealPosition = { stageKey: "identify", status: "disqualified" };
const ALL_LOST_FIELDS = {
  reasonCategory: "price",
  explanation: "Their CFO capped the budget below our floor.",
  competitor: "none",
  missingFunctionality: "none",
};
const OPEN_KEYS = ["identify", "qualify", "propose", "negotiate", "finalize"];

function move(position: DealPosition, deal: DealFacts, request: MoveRequest, canOverride = false, process: ProcessVersion = P) {
  return planMove(process, position, deal, request, { canOverride });
}

const okMove = (kind: string, from: string, to: string, process: ProcessVersion = P, overridden: unknown[] = []) => ({
  ok: true,
  kind,
  from: stageOf(process, from),
  to: stageOf(process, to),
  overridden,
});

const refused = (unmet: unknown[]) => ({
  ok: false,
  code: "EXIT_CRITERIA_UNMET",
  message: `${unmet.length} exit criteria are not met.`,
  unmet,
});

const invalid = (field: string, message: string) => ({
  ok: false,
  code: "VALIDATION_FAILED",
  message: "The move is missing required information.",
  fields: [{ field, message }],
});

describe("forward one stage: every exit criterion of the current stage must be met", () => {
  test("with all of Identify's criteria met, Identify → Qualify is a forward move", () => {
    expect(move(open("identify"), factsSatisfying(["identify"]), { toStage: "qualify" })).toEqual(okMove("forward", "identify", "qualify"));
  });

  test.each(OPEN_KEYS.slice(0, -1).map((k, i) => [k, OPEN_KEYS[i + 1]!]))("with all of its criteria met, %s → %s is a forward move", (from, to) => {
    expect(move(open(from), factsSatisfying([from]), { toStage: to })).toEqual(okMove("forward", from, to));
  });

  test("with some of Identify's criteria unmet, the move is refused listing exactly those, with label and type", () => {
    const deal = facts({ buyingProcess: "Procurement after a CFO sign-off" });
    expect(move(open("identify"), deal, { toStage: "qualify" })).toEqual({
      ok: false,
      code: "EXIT_CRITERIA_UNMET",
      message: "2 exit criteria are not met.",
      unmet: [
        { stage: "identify", key: "decision_maker_meeting", label: "Met a decision maker or influencer", type: "check" },
        {
          stage: "identify",
          key: "people_involved",
          label: "People involved recorded, including the decision maker",
          type: "field",
        },
      ],
    });
  });

  test("with nothing done in Qualify, Qualify → Propose lists Qualify's unmet criteria (the close date is always set)", () => {
    expect(move(open("qualify"), facts(), { toStage: "propose" })).toEqual(
      refused(unmetOf(P, "qualify", "champion_named", "value_fit_confirmed", "budget_confirmed")),
    );
  });

  test("the next stage's own criteria are not asked for when entering it", () => {
    // Qualify's criteria are all met, Propose's are all unmet: Qualify → Propose is allowed.
    expect(move(open("qualify"), factsSatisfying(["qualify"]), { toStage: "propose" })).toEqual(okMove("forward", "qualify", "propose"));
  });
});

describe("forward skipping stages: the current and every skipped stage's criteria, grouped by stage, not the target's", () => {
  test("Identify → Propose with nothing done lists Identify's then Qualify's unmet criteria, not Propose's", () => {
    expect(move(open("identify"), facts(), { toStage: "propose" })).toEqual(
      refused([...unmetOf(P, "identify"), ...unmetOf(P, "qualify", "champion_named", "value_fit_confirmed", "budget_confirmed")]),
    );
  });

  test("Identify → Finalize with nothing done lists Identify's, Qualify's, Propose's and Negotiate's unmet criteria, in stage order", () => {
    const plan = move(open("identify"), facts(), { toStage: "finalize" });
    expect(plan).toEqual(
      refused([
        ...unmetOf(P, "identify"),
        ...unmetOf(P, "qualify", "champion_named", "value_fit_confirmed", "budget_confirmed"),
        ...unmetOf(P, "propose"),
        // Deal desk approval is not required for this deal, so it holds.
        ...unmetOf(P, "negotiate", "contract_shared", "signature_package_ready", "signature_timeline_validated", "kickoff_scheduled"),
      ]),
    );
    if (plan.ok || plan.code !== "EXIT_CRITERIA_UNMET") throw new Error("expected a refusal");
    expect([...new Set(plan.unmet.map((u) => u.stage))]).toEqual(["identify", "qualify", "propose", "negotiate"]);
    expect(plan.unmet.some((u) => u.stage === "finalize")).toBe(false);
  });

  test("Identify → Propose with Identify done lists only the skipped Qualify's unmet criteria", () => {
    expect(move(open("identify"), factsSatisfying(["identify"]), { toStage: "propose" })).toEqual(
      refused(unmetOf(P, "qualify", "champion_named", "value_fit_confirmed", "budget_confirmed")),
    );
  });

  test("Identify → Finalize is allowed when Identify, Qualify, Propose and Negotiate are all done, Finalize's criteria unmet", () => {
    const deal = factsSatisfying(["identify", "qualify", "propose", "negotiate"]);
    expect(move(open("identify"), deal, { toStage: "finalize" })).toEqual(okMove("forward", "identify", "finalize"));
  });

  test("a single unmet criterion of a skipped stage refuses the skip", () => {
    const deal = factsSatisfying(["identify", "qualify", "propose"]);
    const attested = new Set(deal.attested);
    attested.delete("qualify:budget_confirmed");
    expect(move(open("identify"), { ...deal, attested }, { toStage: "negotiate" })).toEqual(refused(unmetOf(P, "qualify", "budget_confirmed")));
  });
});

describe("each criterion type gates a forward move", () => {
  describe("check: attested for its own stage only", () => {
    const withoutContractShared = (extra: string[]) => {
      const deal = factsSatisfying(["negotiate"]);
      const attested = new Set([...deal.attested].filter((k) => k !== "negotiate:contract_shared"));
      for (const k of extra) attested.add(k);
      return { ...deal, attested };
    };

    test("an unattested check is unmet", () => {
      expect(move(open("negotiate"), withoutContractShared([]), { toStage: "finalize" })).toEqual(
        refused(unmetOf(P, "negotiate", "contract_shared")),
      );
    });

    test.each(["qualify:contract_shared", "finalize:contract_shared", "contract_shared", "negotiate:contract"])(
      "an attestation recorded as %s does not count for Negotiate's contract_shared",
      (key) => {
        expect(move(open("negotiate"), withoutContractShared([key]), { toStage: "finalize" })).toEqual(
          refused(unmetOf(P, "negotiate", "contract_shared")),
        );
      },
    );

    test("the attestation under negotiate:contract_shared counts", () => {
      expect(move(open("negotiate"), withoutContractShared(["negotiate:contract_shared"]), { toStage: "finalize" })).toEqual(
        okMove("forward", "negotiate", "finalize"),
      );
    });
  });

  describe("field", () => {
    test.each(["", " ", "   ", "\t\n"])("is_set is unmet on a blank or whitespace text (%j)", (blank) => {
      const deal = { ...factsSatisfying(["identify"]), buyingProcess: blank };
      expect(move(open("identify"), deal, { toStage: "qualify" })).toEqual(refused(unmetOf(P, "identify", "buying_process")));
    });

    test("is_set holds on any non-blank text", () => {
      const deal = { ...factsSatisfying(["identify"]), buyingProcess: " x " };
      expect(move(open("identify"), deal, { toStage: "qualify" })).toEqual(okMove("forward", "identify", "qualify"));
    });

    test("has_contact_role is unmet when no contact has that role, whatever other roles exist", () => {
      const deal = { ...factsSatisfying(["identify"]), contactRoles: ["influencer", "champion", "economic_buyer"] as const };
      expect(move(open("identify"), deal, { toStage: "qualify" })).toEqual(refused(unmetOf(P, "identify", "people_involved")));
    });

    test("has_contact_role holds when one contact has that role", () => {
      const deal = { ...factsSatisfying(["identify"]), contactRoles: ["influencer", "decision_maker"] as const };
      expect(move(open("identify"), deal, { toStage: "qualify" })).toEqual(okMove("forward", "identify", "qualify"));
    });
  });

  describe("document", () => {
    test("a formal quote must be attached", () => {
      const deal = { ...factsSatisfying(["propose"]), files: [] };
      expect(move(open("propose"), deal, { toStage: "negotiate" })).toEqual(refused(unmetOf(P, "propose", "quote_generated")));
    });

    test("a file of another kind does not stand in for the quote", () => {
      const deal = { ...factsSatisfying(["propose"]), files: [{ kind: "order_form" as const, storedName: "quote.pdf" }] };
      expect(move(open("propose"), deal, { toStage: "negotiate" })).toEqual(refused(unmetOf(P, "propose", "quote_generated")));
    });

    test("a quote of any name counts (only the signed contract has a naming convention)", () => {
      const deal = { ...factsSatisfying(["propose"]), files: [{ kind: "quote" as const, storedName: "Quote v3 FINAL (2).xlsx" }] };
      expect(move(open("propose"), deal, { toStage: "negotiate" })).toEqual(okMove("forward", "propose", "negotiate"));
    });

    // Envoy, new customer, 12-month term: the convention name is 3.24.22_Envoy_1.
    test.each([
      "contract.pdf",
      "signed contract.pdf",
      "3.24.22_Acme_1.pdf",
      "3.24.22_Envoy_2.pdf",
      "03.24.22_Envoy_1.pdf",
      "3.24.2022_Envoy_1.pdf",
      "3.24.22_Envoy_EXPANSION_0.pdf",
      "3.24.22-Envoy-1.pdf",
    ])("a signed contract named %s does not count", (storedName) => {
      const deal = { ...factsSatisfying(["finalize"]), files: [{ kind: "signed_contract" as const, storedName }] };
      expect(move(open("finalize"), deal, { toStage: "closed_won", won: { whyWon: "Best fit" } })).toEqual(
        refused(unmetOf(P, "finalize", "signed_contract")),
      );
    });

    test("a file named by the convention but of another kind does not count as the signed contract", () => {
      const deal = { ...factsSatisfying(["finalize"]), files: [{ kind: "order_form" as const, storedName: "3.24.22_Envoy_1.pdf" }] };
      expect(move(open("finalize"), deal, { toStage: "closed_won", won: { whyWon: "Best fit" } })).toEqual(
        refused(unmetOf(P, "finalize", "signed_contract")),
      );
    });

    test.each([".pdf", ".docx", ".PDF", ".doc", ""])("a signed contract named by the convention counts, with extension %j", (ext) => {
      const base = factsSatisfying(["finalize"]);
      const deal = { ...base, files: [signedContract(base, ext)] };
      expect(deal.files[0]!.storedName).toBe(`3.24.22_Envoy_1${ext}`);
      expect(move(open("finalize"), deal, { toStage: "closed_won", won: { whyWon: "Best fit" } })).toEqual(okMove("won", "finalize", "closed_won"));
    });

    test("one correctly named signed contract among wrongly named ones counts", () => {
      const base = factsSatisfying(["finalize"]);
      const deal = { ...base, files: [{ kind: "signed_contract" as const, storedName: "draft.pdf" }, signedContract(base)] };
      expect(move(open("finalize"), deal, { toStage: "closed_won", won: { whyWon: "Best fit" } })).toEqual(okMove("won", "finalize", "closed_won"));
    });
  });

  describe("approval: no deal desk approval needed, or granted and still valid", () => {
    test.each(["not_required", "approved"] as const)("approval status %s passes", (approvalStatus) => {
      const deal = { ...factsSatisfying(["negotiate"]), approvalStatus };
      expect(move(open("negotiate"), deal, { toStage: "finalize" })).toEqual(okMove("forward", "negotiate", "finalize"));
    });

    test.each(["needed", "pending", "rejected", "changes_requested", "stale"] as const)("approval status %s fails", (approvalStatus) => {
      const deal = { ...factsSatisfying(["negotiate"]), approvalStatus };
      expect(move(open("negotiate"), deal, { toStage: "finalize" })).toEqual(
        refused([{ stage: "negotiate", key: "deal_desk_approval", label: "Deal desk approval, if the deal is non-standard", type: "approval" }]),
      );
    });
  });

  describe("plan: at least N steps, each with an owner and a due date", () => {
    const [a, b, c] = completePlan();
    test.each([
      ["no steps", []],
      ["two complete steps (fewer than three)", [a, b]],
      ["three steps, one without an owner", [a, b, { ...c!, ownerUserId: null, ownerName: " " }]],
      ["three steps, one without a due date", [a, b, { ...c!, dueDate: null }]],
      ["four steps, only two complete", [a, b, { ownerUserId: null, ownerName: "", dueDate: null }, { ...c!, dueDate: null }]],
    ] as const)("%s fails", (_, planSteps) => {
      const deal = { ...factsSatisfying(["propose"]), planSteps };
      expect(move(open("propose"), deal, { toStage: "negotiate" })).toEqual(
        refused([
          {
            stage: "propose",
            key: "close_plan",
            label: "Close plan of at least three steps, back from the decision date",
            type: "plan",
          },
        ]),
      );
    });

    test.each([
      ["three complete steps", [a, b, c]],
      ["four steps, three of them complete", [a, b, { ownerUserId: null, ownerName: "", dueDate: null }, c]],
    ] as const)("%s passes", (_, planSteps) => {
      const deal = { ...factsSatisfying(["propose"]), planSteps };
      expect(move(open("propose"), deal, { toStage: "negotiate" })).toEqual(okMove("forward", "propose", "negotiate"));
    });
  });
});

describe("backward: allowed with a reason, no criteria checked", () => {
  test.each([
    ["no reason", {}],
    ["an empty reason", { reason: "" }],
    ["a blank reason", { reason: "  \t" }],
  ])("a backward move with %s is refused on the reason field", (_, extra) => {
    expect(move(open("negotiate"), factsSatisfying(["negotiate"]), { toStage: "qualify", ...extra })).toEqual(
      invalid("reason", "say why the deal moves back"),
    );
  });

  test("a backward move with a reason is allowed even when no criterion of any stage is met", () => {
    expect(move(open("negotiate"), facts(), { toStage: "identify", reason: "The champion left the company" })).toEqual(
      okMove("backward", "negotiate", "identify"),
    );
  });

  test("one stage back with a reason is a backward move", () => {
    expect(move(open("qualify"), facts(), { toStage: "identify", reason: "No budget owner found yet" })).toEqual(
      okMove("backward", "qualify", "identify"),
    );
  });

  test.each([
    ["negotiate", "qualify", true],
    ["qualify", "identify", true],
    ["qualify", "propose", false],
    ["qualify", "qualify", false],
    ["negotiate", "closed_won", false],
    ["negotiate", "closed_lost", false],
  ])("%s → %s is a move back, which asks for a reason: %s", (from, to, expected) => {
    expect(isMoveBack(stageOf(P, from), stageOf(P, to))).toBe(expected);
  });
});

describe("Closed Lost: only from Qualify or later, and only its own fields", () => {
  test("Closed Lost from Identify is not allowed: the deal is disqualified instead", () => {
    const plan = move(open("identify"), facts(), { toStage: "closed_lost", lost: ALL_LOST_FIELDS });
    expect(plan).toEqual({ ok: false, code: "TRANSITION_NOT_ALLOWED", message: expect.stringMatching(/disqualify/) });
  });

  test.each(["qualify", "propose", "negotiate", "finalize"])(
    "Closed Lost from %s with all four lost fields is allowed, without checking any criterion",
    (from) => {
      expect(move(open(from), facts(), { toStage: "closed_lost", lost: ALL_LOST_FIELDS })).toEqual(okMove("lost", from, "closed_lost"));
    },
  );

  const MESSAGE = "Closed Lost needs why we lost, the competitor and the missing functionality.";
  const REQUIRED = "required (write none when there is none)";

  test("Closed Lost without the lost fields names all four", () => {
    expect(move(open("propose"), facts(), { toStage: "closed_lost" })).toEqual({
      ok: false,
      code: "VALIDATION_FAILED",
      message: MESSAGE,
      fields: [
        { field: "lost.reasonCategory", message: REQUIRED },
        { field: "lost.explanation", message: REQUIRED },
        { field: "lost.competitor", message: REQUIRED },
        { field: "lost.missingFunctionality", message: REQUIRED },
      ],
    });
  });

  test.each([
    [{ explanation: "" }, ["lost.explanation"]],
    [{ competitor: "   " }, ["lost.competitor"]],
    [{ reasonCategory: "", missingFunctionality: "\n" }, ["lost.reasonCategory", "lost.missingFunctionality"]],
  ])("Closed Lost with blank %j names exactly those fields", (blanks, fields) => {
    expect(move(open("negotiate"), facts(), { toStage: "closed_lost", lost: { ...ALL_LOST_FIELDS, ...blanks } })).toEqual({
      ok: false,
      code: "VALIDATION_FAILED",
      message: MESSAGE,
      fields: fields.map((field) => ({ field, message: REQUIRED })),
    });
  });
});

describe("Closed Won: why we won, every criterion from the current stage on, and the signed contract", () => {
  test.each([
    ["no won fields", {}],
    ["an empty why-we-won", { won: { whyWon: "" } }],
    ["a blank why-we-won", { won: { whyWon: "  " } }],
  ])("Closed Won with %s is refused on won.whyWon, even when every criterion is met", (_, extra) => {
    const deal = factsSatisfying(OPEN_KEYS);
    expect(move(open("finalize"), deal, { toStage: "closed_won", ...extra })).toEqual(invalid("won.whyWon", "say why we won"));
  });

  test("Closed Won from Negotiate with nothing done lists Negotiate's and Finalize's unmet criteria", () => {
    expect(move(open("negotiate"), facts(), { toStage: "closed_won", won: { whyWon: "Best fit" } })).toEqual(
      refused([
        ...unmetOf(P, "negotiate", "contract_shared", "signature_package_ready", "signature_timeline_validated", "kickoff_scheduled"),
        ...unmetOf(P, "finalize"),
      ]),
    );
  });

  test("Closed Won from Negotiate with Negotiate done still needs Finalize's criteria", () => {
    expect(move(open("negotiate"), factsSatisfying(["negotiate"]), { toStage: "closed_won", won: { whyWon: "Best fit" } })).toEqual(
      refused(unmetOf(P, "finalize")),
    );
  });

  test("Closed Won from Negotiate with Negotiate and Finalize done is allowed", () => {
    const deal = factsSatisfying(["negotiate", "finalize"]);
    expect(move(open("negotiate"), deal, { toStage: "closed_won", won: { whyWon: "Best fit" } })).toEqual(okMove("won", "negotiate", "closed_won"));
  });

  test("Closed Won from Finalize with its criteria met and the contract named by the convention is allowed", () => {
    const deal = factsSatisfying(["finalize"]);
    expect(deal.files).toEqual([{ kind: "signed_contract", storedName: "3.24.22_Envoy_1.pdf" }]);
    expect(move(open("finalize"), deal, { toStage: "closed_won", won: { whyWon: "Best fit for the ops team" } })).toEqual(
      okMove("won", "finalize", "closed_won"),
    );
  });

  test("Closed Won of an expansion needs the EXPANSION name with the number of users", () => {
    const base = factsSatisfying(["finalize"], { type: "expansion", users: 11 });
    expect(base.files[0]!.storedName).toBe("3.24.22_Envoy_EXPANSION_11.pdf");
    expect(move(open("finalize"), base, { toStage: "closed_won", won: { whyWon: "Upsell" } })).toEqual(okMove("won", "finalize", "closed_won"));
    const misnamed = { ...base, files: [{ kind: "signed_contract" as const, storedName: "3.24.22_Envoy_1.pdf" }] };
    expect(move(open("finalize"), misnamed, { toStage: "closed_won", won: { whyWon: "Upsell" } })).toEqual(
      refused(unmetOf(P, "finalize", "signed_contract")),
    );
  });

  test("Closed Won from Identify needs every open stage's criteria", () => {
    expect(move(open("identify"), factsSatisfying(OPEN_KEYS), { toStage: "closed_won", won: { whyWon: "Fast" } })).toEqual(
      okMove("won", "identify", "closed_won"),
    );
    const plan = move(open("identify"), facts(), { toStage: "closed_won", won: { whyWon: "Fast" } });
    if (plan.ok || plan.code !== "EXIT_CRITERIA_UNMET") throw new Error("expected a refusal");
    expect([...new Set(plan.unmet.map((u) => u.stage))]).toEqual(OPEN_KEYS);
  });
});

describe("Closed Won needs the signed contract even in a process that does not ask for it", () => {
  const custom = processVersion({
    ...STANDARD_B2B,
    key: "no_contract",
    name: "No contract criterion",
    stages: STANDARD_B2B.stages.map((s) =>
      s.key === "finalize" ? { ...s, exitCriteria: s.exitCriteria.filter((c) => c.key !== "signed_contract") } : s,
    ),
  });
  const CONTRACT_UNMET = {
    stage: "closed_won",
    key: "signed_contract",
    label: "Signed contract attached, named by the convention",
    type: "document",
  };

  test("without a signed contract, Closed Won is refused with an entry under the won stage", () => {
    const deal = factsSatisfying(["finalize"], {}, custom);
    expect(deal.files).toEqual([]);
    expect(move(open("finalize"), deal, { toStage: "closed_won", won: { whyWon: "Best fit" } }, false, custom)).toEqual(refused([CONTRACT_UNMET]));
  });

  test("a wrongly named signed contract does not count", () => {
    const deal = { ...factsSatisfying(["finalize"], {}, custom), files: [{ kind: "signed_contract" as const, storedName: "Envoy signed.pdf" }] };
    expect(move(open("finalize"), deal, { toStage: "closed_won", won: { whyWon: "Best fit" } }, false, custom)).toEqual(refused([CONTRACT_UNMET]));
  });

  test("the contract entry comes after the path's own unmet criteria", () => {
    expect(move(open("negotiate"), facts(), { toStage: "closed_won", won: { whyWon: "Best fit" } }, false, custom)).toEqual(
      refused([
        ...unmetOf(custom, "negotiate", "contract_shared", "signature_package_ready", "signature_timeline_validated", "kickoff_scheduled"),
        ...unmetOf(custom, "finalize"),
        CONTRACT_UNMET,
      ]),
    );
  });

  test("with a signed contract named by the convention, Closed Won is allowed", () => {
    const base = factsSatisfying(["finalize"], {}, custom);
    const deal = { ...base, files: [signedContract(base)] };
    expect(move(open("finalize"), deal, { toStage: "closed_won", won: { whyWon: "Best fit" } }, false, custom)).toEqual(
      okMove("won", "finalize", "closed_won", custom),
    );
  });
});

describe("a manager may override a refused move with a written justification", () => {
  const unmetIdentify = unmetOf(P, "identify");

  test("a manager's override with a justification allows the move and records the unmet criteria", () => {
    expect(move(open("identify"), facts(), { toStage: "qualify", override: { justification: "CEO-to-CEO deal" } }, true)).toEqual(
      okMove("forward", "identify", "qualify", P, unmetIdentify),
    );
  });

  test("a manager's override of a skip records every unmet criterion on the path", () => {
    const expected = [...unmetIdentify, ...unmetOf(P, "qualify", "champion_named", "value_fit_confirmed", "budget_confirmed")];
    expect(move(open("identify"), facts(), { toStage: "propose", override: { justification: "Inbound RFP" } }, true)).toEqual(
      okMove("forward", "identify", "propose", P, expected),
    );
  });

  test("a manager may override Closed Won's missing contract", () => {
    const deal = { ...factsSatisfying(["finalize"]), files: [] };
    expect(
      move(open("finalize"), deal, { toStage: "closed_won", won: { whyWon: "Fit" }, override: { justification: "Contract in the post" } }, true),
    ).toEqual(okMove("won", "finalize", "closed_won", P, unmetOf(P, "finalize", "signed_contract")));
  });

  test.each(["", "   "])("a manager's override with a blank justification (%j) is refused on override.justification", (justification) => {
    expect(move(open("identify"), facts(), { toStage: "qualify", override: { justification } }, true)).toEqual(
      invalid("override.justification", "a written justification is required"),
    );
  });

  test("a rep cannot override", () => {
    expect(move(open("identify"), facts(), { toStage: "qualify", override: { justification: "I am sure" } }, false)).toEqual({
      ok: false,
      code: "FORBIDDEN",
      message: "Only a manager may override exit criteria.",
    });
  });

  test("an override when nothing is unmet is an ordinary move with nothing overridden", () => {
    expect(move(open("identify"), factsSatisfying(["identify"]), { toStage: "qualify", override: { justification: "Just in case" } }, true)).toEqual(
      okMove("forward", "identify", "qualify"),
    );
  });

  test("a rep's override when nothing is unmet is an ordinary move too", () => {
    expect(move(open("identify"), factsSatisfying(["identify"]), { toStage: "qualify", override: { justification: "x" } }, false)).toEqual(
      okMove("forward", "identify", "qualify"),
    );
  });
});

describe("re-opening a lost deal: into Qualify or a later open stage, with a reason", () => {
  test.each(["qualify", "propose", "negotiate", "finalize"])("a lost deal re-opens into %s with a reason, no criteria checked", (to) => {
    expect(move(LOST_DEAL, facts(), { toStage: to, reason: "Raise the Dead: new budget year" })).toEqual(okMove("reopen", "closed_lost", to));
  });

  test("a lost deal cannot re-open into Identify", () => {
    expect(move(LOST_DEAL, facts(), { toStage: "identify", reason: "Start over" })).toEqual({
      ok: false,
      code: "TRANSITION_NOT_ALLOWED",
      message: "A lost deal re-opens into Qualify or a later open stage.",
    });
  });

  test("a lost deal cannot move straight to Closed Won", () => {
    expect(
      move(LOST_DEAL, factsSatisfying(OPEN_KEYS), { toStage: "closed_won", reason: "They signed after all", won: { whyWon: "Late yes" } }),
    ).toEqual({ ok: false, code: "TRANSITION_NOT_ALLOWED", message: "A lost deal re-opens into Qualify or a later open stage." });
  });

  test.each([
    ["no reason", {}],
    ["a blank reason", { reason: " " }],
  ])("re-opening with %s is refused on the reason field", (_, extra) => {
    expect(move(LOST_DEAL, facts(), { toStage: "qualify", ...extra })).toEqual(invalid("reason", "say why the deal is re-opened"));
  });
});

describe("moves that are never allowed", () => {
  test.each(["identify", "finalize", "closed_lost"])("a won deal cannot move to %s", (toStage) => {
    expect(
      move(WON_DEAL, factsSatisfying(OPEN_KEYS), { toStage, reason: "Mistake", lost: ALL_LOST_FIELDS, override: { justification: "x" } }, true),
    ).toEqual({ ok: false, code: "TRANSITION_NOT_ALLOWED", message: "A won deal is closed and cannot move." });
  });

  test.each(["qualify", "propose", "closed_lost", "closed_won"])("a disqualified deal cannot move to %s", (toStage) => {
    expect(
      move(
        DISQUALIFIED_DEAL,
        factsSatisfying(OPEN_KEYS),
        { toStage, reason: "Back", lost: ALL_LOST_FIELDS, won: { whyWon: "x" }, override: { justification: "x" } },
        true,
      ),
    ).toEqual({ ok: false, code: "TRANSITION_NOT_ALLOWED", message: "A disqualified deal is archived and cannot move." });
  });

  test("moving a deal to the stage it is in is not a move", () => {
    expect(move(open("qualify"), factsSatisfying(OPEN_KEYS), { toStage: "qualify", reason: "x" })).toEqual({
      ok: false,
      code: "TRANSITION_NOT_ALLOWED",
      message: "The deal is already in Qualify.",
    });
  });

  test.each(["", "Qualify", "closed", "no_such_stage", " qualify"])("an unknown target stage %j is refused on toStage", (toStage) => {
    expect(move(open("qualify"), factsSatisfying(OPEN_KEYS), { toStage })).toEqual(invalid("toStage", "not a stage of this deal's process"));
  });

  test("a deal whose stage is not in its process version is a programming error and throws", () => {
    expect(() => move(open("no_such_stage"), facts(), { toStage: "qualify" })).toThrow(/no_such_stage/);
  });
});

describe("an approval gone stale after Negotiate", () => {
  // Regression: a deal in Finalize whose discount changed after the deal desk approved it was won
  // without a new approval; the approval covers the terms it was given (docs/rules/deal-desk.md).
  test.each(["stale", "needed", "rejected", "changes_requested", "pending"] as const)(
    "with approval %s, Closed Won from Finalize is refused on Negotiate's approval",
    (approvalStatus) => {
      const deal = { ...factsSatisfying(["finalize"]), approvalStatus };
      expect(move(open("finalize"), deal, { toStage: "closed_won", won: { whyWon: "Best fit" } })).toEqual(
        refused(unmetOf(P, "negotiate", "deal_desk_approval")),
      );
    },
  );

  test("earlier stages' other criteria are not asked again at Closed Won", () => {
    const deal = { ...factsSatisfying(["finalize"]), approvalStatus: "approved" as const };
    expect(move(open("finalize"), deal, { toStage: "closed_won", won: { whyWon: "Best fit" } })).toEqual(okMove("won", "finalize", "closed_won"));
  });
});
