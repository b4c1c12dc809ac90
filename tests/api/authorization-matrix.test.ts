// Every role × every action × whose deal it is, through the REST API (real Requests to the route
// handlers), and through the server actions and the deal page's model, against the spec written
// below. The spec is the README's Roles table in this file's own words, not read from src/auth: a
// cell where the code differs from it fails, and the diff names the cell.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test, vi } from "vitest";
import * as approvalDecisions from "@/app/api/v1/approval-requests/[id]/decisions/route";
import * as approvalRequest from "@/app/api/v1/approval-requests/[id]/route";
import * as withdrawApproval from "@/app/api/v1/approval-requests/[id]/withdraw/route";
import * as submitApproval from "@/app/api/v1/opportunities/[id]/approval-requests/route";
import * as dealDeskRule from "@/app/api/v1/deal-desk/rules/[id]/route";
import * as dealDeskRuleVersions from "@/app/api/v1/deal-desk/rules/[id]/versions/route";
import * as dealDeskRules from "@/app/api/v1/deal-desk/rules/route";
import * as dealDeskSettings from "@/app/api/v1/deal-desk/settings/route";
import * as closePlan from "@/app/api/v1/opportunities/[id]/close-plan/route";
import * as contacts from "@/app/api/v1/opportunities/[id]/contacts/route";
import * as criteria from "@/app/api/v1/opportunities/[id]/criteria/[key]/route";
import * as disqualify from "@/app/api/v1/opportunities/[id]/disqualify/route";
import * as files from "@/app/api/v1/opportunities/[id]/files/route";
import * as history from "@/app/api/v1/opportunities/[id]/history/route";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import * as approvalActions from "@/app/opportunities/_actions/approval-actions";
import * as dealActions from "@/app/opportunities/_actions/deal-actions";
import { createDealAction } from "@/app/opportunities/new/actions";
import * as opportunities from "@/app/api/v1/opportunities/route";
import * as activeProcess from "@/app/api/v1/process/route";
import * as dealMoves from "@/app/api/v1/processes/[key]/deal-moves/route";
import * as processDraft from "@/app/api/v1/processes/[key]/draft/route";
import * as oneProcess from "@/app/api/v1/processes/[key]/route";
import * as processes from "@/app/api/v1/processes/route";
import * as approvalDeputy from "@/app/api/v1/teams/[id]/approval-deputy/route";
import * as teams from "@/app/api/v1/teams/route";
import * as users from "@/app/api/v1/users/route";
import { ROLES, type Role } from "@/src/auth/permissions";
import { AppError } from "@/src/errors";
import type { ActionResult } from "@/src/http/action-result";
import { db } from "@/src/server/db";
import { getOpportunityPage, type OpportunityPage } from "@/src/server/opportunity-page/get-opportunity-page";
import { isRedirect, signInAs } from "../support/action-session";
import { insertApprovalRequest } from "../support/approvals";
import { actorOf, insertDeal } from "../support/board";
import { currentVersion, dealBody, ensureDefaults } from "../support/deals";
import { createTeam, createUser, type TestUser } from "../support/fixtures";
import { call, type CallResult } from "../support/http";

vi.mock("next/headers", async () => (await import("../support/action-session")).nextHeaders);
vi.mock("next/cache", () => ({ refresh: () => undefined, revalidatePath: () => undefined }));

process.env.STORAGE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-matrix-"));

/**
 * Whose deal it is, seen from the actor: theirs, a teammate's, another team's, a teamless rep's, or
 * another team's put in front of the deal desk: of the acting desk user's group, or of another group.
 */
const RELATIONS = ["own", "team", "other_team", "no_team", "submitted", "submitted_elsewhere"] as const;
type Relation = (typeof RELATIONS)[number];

// The spec. Approval requests have their own table below and the deal desk's rules are at the end
// of this file; integrations have no endpoint or action yet, so they have no cells.
const SPEC: Record<Role, { sees: Relation[]; changes: Relation[]; overrides: Relation[]; createsFor: Relation[]; administers: boolean }> = {
  rep: { sees: ["own"], changes: ["own"], overrides: [], createsFor: ["own"], administers: false },
  manager: { sees: ["own", "team"], changes: ["own", "team"], overrides: ["own", "team"], createsFor: ["own", "team"], administers: false },
  deal_desk: { sees: ["submitted"], changes: [], overrides: [], createsFor: [], administers: false },
  admin: {
    sees: ["own", "team", "other_team", "no_team", "submitted", "submitted_elsewhere"],
    changes: [],
    overrides: [],
    createsFor: [],
    administers: true,
  },
};

/** read: any read of the deal; change: any write; override: a move past unmet criteria; reassign: give it to someone else. */
type Kind = "read" | "change" | "override" | "reassign";

/** A deal out of sight is not found (never forbidden); a visible one is forbidden unless the spec allows. */
function expectedCell(role: Role, relation: Relation, kind: Kind): string {
  const spec = SPEC[role];
  if (!spec.sees.includes(relation)) return "not_found";
  const allowed =
    kind === "read" ||
    (kind === "change" && spec.changes.includes(relation)) ||
    (kind === "override" && spec.overrides.includes(relation)) ||
    (kind === "reassign" && spec.changes.includes(relation) && spec.createsFor.includes("team"));
  return allowed ? "ok" : "forbidden";
}

const fromApi = (res: CallResult): string => {
  const code = res.body?.error?.code;
  if (res.status < 300) return "ok";
  if (res.status === 403 && code === "FORBIDDEN") return "forbidden";
  if (res.status === 404 && code === "NOT_FOUND") return "not_found";
  return `${res.status} ${code}: ${res.body?.error?.message}`;
};

const fromAction = (result: ActionResult<unknown>): string => {
  if (result.ok) return "ok";
  if (result.error.code === "FORBIDDEN") return "forbidden";
  if (result.error.code === "NOT_FOUND") return "not_found";
  return `${result.error.code}: ${result.error.message}`;
};

let cast: Record<"manager" | "rep" | "teammate" | "colleague" | "desk" | "admin" | "outsider" | "loner", TestUser>;
let actingAs: Record<Role, TestUser>;
/** One deal per role and relation for each way in, as every allowed write changes it. */
let deals: Record<"api" | "actions", Record<Role, Record<Relation, string>>>;

function ownerFor(role: Role, relation: Relation): TestUser {
  if (relation === "own") return actingAs[role];
  if (relation === "team") return cast.teammate;
  if (relation === "no_team") return cast.loner;
  return cast.outsider;
}

beforeAll(async () => {
  await ensureDefaults();
  const enterprise = await createTeam("Enterprise");
  const midMarket = await createTeam("Mid-Market");
  // Everyone acting is on Enterprise, so that "team" means the same deal for every role.
  const onEnterprise = (role: Role, extra = {}) => createUser({ role, teamId: enterprise.id, ...extra });
  cast = {
    manager: await onEnterprise("manager"),
    rep: await onEnterprise("rep"),
    teammate: await onEnterprise("rep"),
    colleague: await onEnterprise("rep"),
    desk: await onEnterprise("deal_desk", { groups: ["finance"] }),
    admin: await onEnterprise("admin"),
    outsider: await createUser({ role: "rep", teamId: midMarket.id }),
    loner: await createUser({ role: "rep" }),
  };
  const otherManager = await createUser({ role: "manager", teamId: midMarket.id });
  await db().team.update({ where: { id: enterprise.id }, data: { managerId: cast.manager.id } });
  await db().team.update({ where: { id: midMarket.id }, data: { managerId: otherManager.id } });
  actingAs = { rep: cast.rep, manager: cast.manager, deal_desk: cast.desk, admin: cast.admin };

  deals = { api: {} as never, actions: {} as never };
  for (const way of ["api", "actions"] as const)
    for (const role of ROLES) {
      deals[way][role] = {} as Record<Relation, string>;
      for (const relation of RELATIONS) {
        const owner = ownerFor(role, relation);
        const id = await insertDeal(owner.id, { name: `${way} ${role} ${relation}`, amount: 10_000, closeDate: "2027-06-30", stage: "propose" });
        if (relation === "submitted" || relation === "submitted_elsewhere")
          await db().approvalRequest.create({
            data: {
              opportunityId: id,
              requestedById: owner.id,
              justification: "Strategic logo",
              // The acting desk user is in finance.
              requiredGroups: relation === "submitted" ? ["finance"] : ["sales_manager", "legal"],
              termsSnapshot: {},
            },
          });
        deals[way][role][relation] = id;
      }
    }
});

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n");
const pdfFile = () => new File([PDF as BlobPart], "quote.pdf", { type: "application/pdf" });
const NEXT_STAGE: Record<string, string> = { propose: "negotiate", negotiate: "finalize" };
const dealRow = (id: string) => db().opportunity.findUniqueOrThrow({ where: { id } });
const nextStage = async (id: string) => NEXT_STAGE[(await dealRow(id)).stageKey] ?? "finalize";
const OVERRIDE = { justification: "The VP signed off on the exception" };

/** Gives the deal to a colleague and, when that is allowed, back to its owner, so later cells keep their relation. */
async function reassignAndBack(id: string, give: (ownerId: string) => Promise<string>): Promise<string> {
  const { ownerId } = await dealRow(id);
  const there = await give(cast.colleague.id);
  return there === "ok" ? give(ownerId) : there;
}

type Step = { action: string; kind: Kind; run: (user: TestUser, id: string) => Promise<string> };

// In order: reads first, then writes that keep the deal open and in Propose or later, then the moves
// back to the first stage, where disqualifying is allowed.
const API_STEPS: Step[] = [
  { action: "read", kind: "read", run: async (u, id) => fromApi(await call(one.GET, { token: u.token, params: { id } })) },
  {
    action: "find in the list",
    kind: "read",
    run: async (u, id) => {
      const { ownerId } = await dealRow(id);
      const res = await call(opportunities.GET, { token: u.token, path: `/api/v1/opportunities?ownerId=${ownerId}&limit=200` });
      if (res.status !== 200) return fromApi(res);
      return (res.body.items as { id: string }[]).some((d) => d.id === id) ? "ok" : "not_found";
    },
  },
  { action: "read history", kind: "read", run: async (u, id) => fromApi(await call(history.GET, { token: u.token, params: { id } })) },
  { action: "list files", kind: "read", run: async (u, id) => fromApi(await call(files.GET, { token: u.token, params: { id } })) },
  { action: "read close plan", kind: "read", run: async (u, id) => fromApi(await call(closePlan.GET, { token: u.token, params: { id } })) },
  {
    action: "update",
    kind: "change",
    run: async (u, id) =>
      fromApi(
        await call(one.PATCH, {
          token: u.token,
          params: { id },
          method: "PATCH",
          body: { version: await currentVersion(id), nextStep: "Security review call" },
        }),
      ),
  },
  {
    action: "attest",
    kind: "change",
    run: async (u, id) =>
      fromApi(
        await call(criteria.POST, {
          token: u.token,
          params: { id, key: "pricing_presented" },
          body: { satisfied: true, version: await currentVersion(id) },
        }),
      ),
  },
  {
    action: "contacts",
    kind: "change",
    run: async (u, id) =>
      fromApi(
        await call(contacts.PUT, {
          token: u.token,
          params: { id },
          method: "PUT",
          body: { version: await currentVersion(id), contacts: [{ name: "Ana Champion", role: "champion" }] },
        }),
      ),
  },
  {
    action: "close plan",
    kind: "change",
    run: async (u, id) =>
      fromApi(
        await call(closePlan.PUT, {
          token: u.token,
          params: { id },
          method: "PUT",
          body: { version: await currentVersion(id), steps: [{ title: "Security review", ownerName: "Buyer CISO", dueDate: "2027-05-01" }] },
        }),
      ),
  },
  {
    action: "upload",
    kind: "change",
    run: async (u, id) => {
      const form = new FormData();
      form.set("kind", "quote");
      form.set("file", pdfFile());
      const req = new Request(`http://localhost/api/v1/opportunities/${id}/files`, {
        method: "POST",
        body: form,
        headers: { authorization: `Bearer ${u.token}` },
      });
      const res = await files.POST(req, { params: Promise.resolve({ id }) });
      return fromApi({ status: res.status, body: await res.json(), headers: res.headers });
    },
  },
  {
    action: "override",
    kind: "override",
    run: async (u, id) =>
      fromApi(
        await call(transitions.POST, {
          token: u.token,
          params: { id },
          body: { toStage: await nextStage(id), version: await currentVersion(id), override: OVERRIDE },
        }),
      ),
  },
  {
    action: "reassign",
    kind: "reassign",
    run: (u, id) =>
      reassignAndBack(id, async (ownerId) =>
        fromApi(await call(one.PATCH, { token: u.token, params: { id }, method: "PATCH", body: { version: await currentVersion(id), ownerId } })),
      ),
  },
  {
    action: "move",
    kind: "change",
    run: async (u, id) =>
      fromApi(
        await call(transitions.POST, {
          token: u.token,
          params: { id },
          body: { toStage: "identify", version: await currentVersion(id), reason: "The buyer restarted" },
        }),
      ),
  },
  {
    action: "disqualify",
    kind: "change",
    run: async (u, id) =>
      fromApi(
        await call(disqualify.POST, { token: u.token, params: { id }, body: { reason: "No budget this year", version: await currentVersion(id) } }),
      ),
  },
];

/** What the deal page's model says, for the actor who opens it: not found, or one of its permissions. */
async function onPage(u: TestUser, id: string, permission?: keyof OpportunityPage["permissions"]): Promise<string> {
  try {
    const page = await getOpportunityPage(await actorOf(u), id);
    return !permission || page.permissions[permission] ? "ok" : "forbidden";
  } catch (e) {
    return e instanceof AppError && e.code === "NOT_FOUND" ? "not_found" : `thrown: ${String(e)}`;
  }
}

const ACTION_STEPS: Step[] = [
  { action: "open the deal page", kind: "read", run: (u, id) => onPage(u, id) },
  { action: "page offers changes", kind: "change", run: (u, id) => onPage(u, id, "canEdit") },
  { action: "page offers moves", kind: "change", run: (u, id) => onPage(u, id, "canMove") },
  { action: "page offers override", kind: "override", run: (u, id) => onPage(u, id, "canOverride") },
  { action: "page offers another owner", kind: "reassign", run: (u, id) => onPage(u, id, "canAssignOwner") },
  // The board and the deal page send these same actions (app/opportunities/_actions).
  {
    action: "update",
    kind: "change",
    run: async (_, id) => fromAction(await dealActions.updateDeal({ id, version: await currentVersion(id), nextStep: "Security review call" })),
  },
  {
    action: "attest",
    kind: "change",
    run: async (_, id) =>
      fromAction(
        await dealActions.attestDealCriterion({ id, key: "pricing_presented", stage: "propose", satisfied: true, version: await currentVersion(id) }),
      ),
  },
  {
    action: "contacts",
    kind: "change",
    run: async (_, id) =>
      fromAction(
        await dealActions.replaceDealContacts({ id, version: await currentVersion(id), contacts: [{ name: "Ana Champion", role: "champion" }] }),
      ),
  },
  {
    action: "add a contact",
    kind: "change",
    run: async (_, id) =>
      fromAction(await dealActions.addDealContact({ id, version: await currentVersion(id), contact: { name: "Dee Maker", role: "decision_maker" } })),
  },
  {
    action: "close plan",
    kind: "change",
    run: async (_, id) =>
      fromAction(
        await dealActions.replaceDealClosePlan({
          id,
          version: await currentVersion(id),
          steps: [{ title: "Security review", ownerName: "Buyer CISO", dueDate: "2027-05-01" }],
        }),
      ),
  },
  {
    action: "add close plan steps",
    kind: "change",
    run: async (_, id) =>
      fromAction(
        await dealActions.addDealPlanSteps({ id, version: await currentVersion(id), steps: [{ title: "Legal review", dueDate: "2027-05-15" }] }),
      ),
  },
  {
    action: "upload",
    kind: "change",
    run: async (_, id) => {
      const form = new FormData();
      form.set("id", id);
      form.set("kind", "quote");
      form.set("file", pdfFile());
      return fromAction(await dealActions.uploadDealFile(form));
    },
  },
  {
    action: "override",
    kind: "override",
    run: async (_, id) =>
      fromAction(await dealActions.moveDeal({ id, toStage: await nextStage(id), version: await currentVersion(id), override: OVERRIDE })),
  },
  {
    action: "reassign",
    kind: "reassign",
    run: (_, id) =>
      reassignAndBack(id, async (ownerId) => fromAction(await dealActions.updateDeal({ id, version: await currentVersion(id), ownerId }))),
  },
  {
    action: "move",
    kind: "change",
    run: async (_, id) =>
      fromAction(await dealActions.moveDeal({ id, toStage: "identify", version: await currentVersion(id), reason: "The buyer restarted" })),
  },
  {
    action: "disqualify",
    kind: "change",
    run: async (_, id) => fromAction(await dealActions.disqualifyDeal({ id, version: await currentVersion(id), reason: "No budget this year" })),
  },
];

/** Walks the steps over one deal, and checks that a deal the role may not change is as it was. */
async function walk(role: Role, relation: Relation, way: "api" | "actions", steps: Step[]) {
  const id = deals[way][role][relation];
  const actual: Record<string, string> = {};
  const expected: Record<string, string> = {};
  for (const step of steps) {
    actual[step.action] = await step.run(actingAs[role], id);
    expected[step.action] = expectedCell(role, relation, step.kind);
  }
  if (!SPEC[role].changes.includes(relation)) {
    const [row, entries] = await Promise.all([dealRow(id), db().historyEntry.count({ where: { opportunityId: id } })]);
    actual["left as it was"] = row.version === 1 && row.stageKey === "propose" && row.status === "open" && entries === 0 ? "ok" : "changed";
    expected["left as it was"] = "ok";
  }
  expect(actual).toEqual(expected);
}

const RELATION_NAMES: Record<Relation, string> = {
  own: "their own deal",
  team: "a teammate's deal",
  other_team: "another team's deal",
  no_team: "the deal of a rep on no team",
  submitted: "another team's deal, submitted to the deal desk's group",
  submitted_elsewhere: "another team's deal, submitted to other approvers",
};

const ROLE_NAMES: Record<Role, string> = { rep: "a rep", manager: "a manager", deal_desk: "the deal desk", admin: "an admin" };
const byRole = ROLES.map((role) => [ROLE_NAMES[role], role] as const);

describe.each(byRole)("what %s may do", (_, role) => {
  describe.each(RELATIONS.map((r) => [RELATION_NAMES[r], r] as const))("to %s", (__, relation) => {
    test("through the API", () => walk(role, relation, "api", API_STEPS));

    test("through the server actions and the deal page", async () => {
      await signInAs(actingAs[role]);
      await walk(role, relation, "actions", ACTION_STEPS);
    });
  });
});

describe("creating a deal, by whom it is for", () => {
  test.each(byRole)("%s, through the API and the new deal form's action", async (_, role) => {
    await signInAs(actingAs[role]);
    const actual: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const relation of ["own", "team", "other_team", "no_team"] as const) {
      const body = dealBody({ ownerId: ownerFor(role, relation).id });
      actual[`${relation}: API`] = fromApi(await call(opportunities.POST, { token: actingAs[role].token, body }));
      actual[`${relation}: action`] = await createDealAction(body).then(fromAction, (e: unknown) => (isRedirect(e) ? "ok" : `thrown: ${String(e)}`));
      const cell = SPEC[role].createsFor.includes(relation) ? "ok" : "forbidden";
      Object.assign(expected, { [`${relation}: API`]: cell, [`${relation}: action`]: cell });
    }
    expect(actual).toEqual(expected);
  });
});

describe("the workspace: users, teams and processes", () => {
  test.each(byRole)("%s", async (_, role) => {
    const token = actingAs[role].token;
    const unique = `${role}-${Date.now()}`;
    const actual = {
      "read the active process": fromApi(await call(activeProcess.GET, { token })),
      "list users": fromApi(await call(users.GET, { token })),
      "create a user": fromApi(
        await call(users.POST, {
          token,
          body: { email: `${unique}@example.test`, name: "New Rep", password: "a long enough password", role: "rep" },
        }),
      ),
      "list teams": fromApi(await call(teams.GET, { token })),
      "create a team": fromApi(await call(teams.POST, { token, body: { name: `Team ${unique}` } })),
      "list processes": fromApi(await call(processes.GET, { token })),
      "publish a process": fromApi(await call(processes.POST, { token, body: { template: "six_steps" } })),
      "start a process draft": fromApi(await call(processDraft.POST, { token, params: { key: `draft_${role}` }, body: { template: "six_steps" } })),
      "preview moving deals": fromApi(await call(dealMoves.GET, { token, params: { key: "standard_b2b" } })),
      "change a process": fromApi(
        await call(oneProcess.PATCH, { token, method: "PATCH", params: { key: "standard_b2b" }, body: { isDefault: true } }),
      ),
    };
    const admin = SPEC[role].administers ? "ok" : "forbidden";
    expect(actual).toEqual({
      "read the active process": "ok",
      "list users": admin,
      "create a user": admin,
      "list teams": admin,
      "create a team": admin,
      "list processes": admin,
      "publish a process": admin,
      "start a process draft": admin,
      "preview moving deals": admin,
      "change a process": admin,
    });
  });
});

// Approval requests: who sees a deal's request, who decides it and who submits or withdraws it.
// The spec, in its own words: the owner and the owner's manager see, submit and withdraw; the deal
// desk sees and decides the requests routed to its groups; the owner's team manager decides for the
// sales manager group, never on their own deal; an admin sees every request and decides none.
const APPROVAL_RELATIONS = ["own", "team", "other_team", "submitted", "submitted_elsewhere"] as const;
type ApprovalRelation = (typeof APPROVAL_RELATIONS)[number];
type ApprovalCell = "ok" | "forbidden" | "not_found";
const APPROVAL_SPEC: Record<
  Role,
  Record<ApprovalRelation, { read: ApprovalCell; submit: ApprovalCell; decide: ApprovalCell; withdraw: ApprovalCell }>
> = {
  rep: {
    own: { read: "ok", submit: "ok", decide: "forbidden", withdraw: "ok" },
    team: { read: "not_found", submit: "not_found", decide: "not_found", withdraw: "not_found" },
    other_team: { read: "not_found", submit: "not_found", decide: "not_found", withdraw: "not_found" },
    submitted: { read: "not_found", submit: "not_found", decide: "not_found", withdraw: "not_found" },
    submitted_elsewhere: { read: "not_found", submit: "not_found", decide: "not_found", withdraw: "not_found" },
  },
  manager: {
    own: { read: "ok", submit: "ok", decide: "forbidden", withdraw: "ok" },
    team: { read: "ok", submit: "ok", decide: "ok", withdraw: "ok" },
    other_team: { read: "not_found", submit: "not_found", decide: "not_found", withdraw: "not_found" },
    submitted: { read: "not_found", submit: "not_found", decide: "not_found", withdraw: "not_found" },
    submitted_elsewhere: { read: "not_found", submit: "not_found", decide: "not_found", withdraw: "not_found" },
  },
  deal_desk: {
    own: { read: "not_found", submit: "not_found", decide: "not_found", withdraw: "not_found" },
    team: { read: "not_found", submit: "not_found", decide: "not_found", withdraw: "not_found" },
    other_team: { read: "not_found", submit: "not_found", decide: "not_found", withdraw: "not_found" },
    submitted: { read: "ok", submit: "forbidden", decide: "ok", withdraw: "forbidden" },
    submitted_elsewhere: { read: "not_found", submit: "not_found", decide: "not_found", withdraw: "not_found" },
  },
  // The submitter may always withdraw: here the acting admin owns and submitted the "own" deal's request.
  admin: Object.fromEntries(
    APPROVAL_RELATIONS.map((r) => [r, { read: "ok", submit: "forbidden", decide: "forbidden", withdraw: r === "own" ? "ok" : "forbidden" }]),
  ) as Record<ApprovalRelation, { read: ApprovalCell; submit: ApprovalCell; decide: ApprovalCell; withdraw: ApprovalCell }>,
};

/** A non-standard deal of the relation's owner; with a pending request unless asked not to. */
async function approvalDeal(role: Role, relation: ApprovalRelation, withRequest: boolean): Promise<{ dealId: string; requestId: string }> {
  const owner = ownerFor(role, relation);
  const dealId = await insertDeal(owner.id, { name: `approval ${role} ${relation}`, amount: 10_000, closeDate: "2027-06-30", stage: "negotiate" });
  // Submitted ones are routed to finance (the acting desk user's group) or elsewhere; others to the sales manager.
  const groups =
    relation === "submitted" ? (["finance"] as const) : relation === "submitted_elsewhere" ? (["legal"] as const) : (["sales_manager"] as const);
  await db().opportunity.update({
    where: { id: dealId },
    data:
      relation === "submitted" || relation === "submitted_elsewhere"
        ? { paymentTermsDays: 60, nonStandardTerms: "MSA redline" }
        : { discountPercent: 20 },
  });
  if (!withRequest) {
    // Seen by the desk only once submitted to its group: an earlier, withdrawn request makes it so.
    if (relation === "submitted" || relation === "submitted_elsewhere")
      await db().approvalRequest.create({
        data: {
          opportunityId: dealId,
          requestedById: owner.id,
          justification: "Earlier",
          requiredGroups: [...groups],
          termsSnapshot: {},
          status: "withdrawn",
        },
      });
    return { dealId, requestId: "" };
  }
  const request = await db().approvalRequest.create({
    data: { opportunityId: dealId, requestedById: owner.id, justification: "Strategic logo", requiredGroups: [...groups], termsSnapshot: {} },
  });
  return { dealId, requestId: request.id };
}

describe.each(byRole)("approval requests: what %s may do", (_, role) => {
  test.each(APPROVAL_RELATIONS.map((r) => [r] as const))("on a request for %s deal", async (relation) => {
    const token = actingAs[role].token;
    const read = await approvalDeal(role, relation, true);
    const toDecide = await approvalDeal(role, relation, true);
    const toWithdraw = await approvalDeal(role, relation, true);
    const toSubmit = await approvalDeal(role, relation, false);
    const actual = {
      read: fromApi(await call(approvalRequest.GET, { token, params: { id: read.requestId } })),
      submit: fromApi(await call(submitApproval.POST, { token, params: { id: toSubmit.dealId }, body: { justification: "Needed to win" } })),
      decide: fromApi(await call(approvalDecisions.POST, { token, params: { id: toDecide.requestId }, body: { decision: "approve" } })),
      withdraw: fromApi(await call(withdrawApproval.POST, { token, params: { id: toWithdraw.requestId } })),
    };
    expect(actual).toEqual(APPROVAL_SPEC[role][relation]);
  });

  // The deal page, the desk's request page and the board send these actions: the same cells.
  test.each(APPROVAL_RELATIONS.map((r) => [r] as const))("on a request for %s deal, through the server actions", async (relation) => {
    await signInAs(actingAs[role]);
    const read = await approvalDeal(role, relation, true);
    const toDecide = await approvalDeal(role, relation, true);
    const toWithdraw = await approvalDeal(role, relation, true);
    const toSubmit = await approvalDeal(role, relation, false);
    const actual = {
      read: fromApi(await call(approvalRequest.GET, { token: actingAs[role].token, params: { id: read.requestId } })),
      submit: fromAction(await dealActions.submitDealForApproval({ id: toSubmit.dealId, justification: "Needed to win" })),
      decide: fromAction(await approvalActions.decideApproval({ id: toDecide.requestId, decision: "approve" })),
      withdraw: fromAction(await approvalActions.withdrawApproval({ id: toWithdraw.requestId })),
    };
    expect(actual).toEqual(APPROVAL_SPEC[role][relation]);
  });
});

/** Who reads the deal desk's target turnaround: those who work its queue (the desk, managers) and admins. */
const READS_DESK_SETTINGS: Record<Role, boolean> = { rep: false, manager: true, deal_desk: true, admin: true };

describe("the deal desk's rules, target turnaround and approval deputies", () => {
  test.each(byRole)("%s", async (_, role) => {
    const token = actingAs[role].token;
    const rule = await db().dealDeskRule.findUniqueOrThrow({ where: { key: "large_deal" } });
    const team = await db().team.findUniqueOrThrow({ where: { name: "Mid-Market" } });
    const actual = {
      "list the rules": fromApi(await call(dealDeskRules.GET, { token })),
      "add a rule": fromApi(
        await call(dealDeskRules.POST, {
          token,
          body: {
            key: `rule_by_${role}`,
            label: "Discount above 60%",
            condition: { term: "discount_percent", op: "gt", value: 60 },
            groups: ["finance"],
          },
        }),
      ),
      "change a rule": fromApi(
        await call(dealDeskRule.PATCH, {
          token,
          method: "PATCH",
          params: { id: rule.id },
          body: { version: rule.version, label: `Large, by ${role}` },
        }),
      ),
      "read a rule's versions": fromApi(await call(dealDeskRuleVersions.GET, { token, params: { id: rule.id } })),
      "read the target turnaround": fromApi(await call(dealDeskSettings.GET, { token })),
      "change the target turnaround": fromApi(await call(dealDeskSettings.PUT, { token, method: "PUT", body: { turnaroundHours: 30 } })),
      "name a team's approval deputy": fromApi(
        await call(approvalDeputy.PUT, { token, method: "PUT", params: { id: team.id }, body: { userId: null } }),
      ),
    };
    const admin = SPEC[role].administers ? "ok" : "forbidden";
    expect(actual).toEqual({
      "list the rules": admin,
      "add a rule": admin,
      "change a rule": admin,
      "read a rule's versions": admin,
      "read the target turnaround": READS_DESK_SETTINGS[role] ? "ok" : "forbidden",
      "change the target turnaround": admin,
      "name a team's approval deputy": admin,
    });
  });
});

// A team's approval deputy: a manager an admin named to decide for the sales manager group of a team
// they neither lead nor sit on. What they decide, they see: the deals of that team with a request
// that asked the sales manager (whatever its status, before and after they decided), read only,
// for as long as they are its deputy. Other deals of the team stay out of their sight.
describe("a team's approval deputy", () => {
  let deputy: TestUser;
  let teamRep: TestUser;
  let partnersId: string;

  beforeAll(async () => {
    const partners = await createTeam("Partners");
    partnersId = partners.id;
    const lead = await createUser({ role: "manager", teamId: partners.id });
    deputy = await createUser({ role: "manager", teamId: (await createTeam("Alliances")).id });
    await db().team.update({ where: { id: partners.id }, data: { managerId: lead.id, approvalDeputyId: deputy.id } });
    teamRep = await createUser({ role: "rep", teamId: partners.id });
  });

  /** A Partners deal at a 20% discount, with one request routed to `groups` (none when null). */
  async function partnersDeal(groups: ("sales_manager" | "finance")[] | null, status: "pending" | "withdrawn" = "pending") {
    const dealId = await insertDeal(teamRep.id, { name: "Partners deal", amount: 10_000, closeDate: "2027-06-30", stage: "negotiate" });
    await db().opportunity.update({ where: { id: dealId }, data: { discountPercent: 20, paymentTermsDays: 60 } });
    const requestId = groups ? await insertApprovalRequest(dealId, new Date().toISOString(), groups, { status }) : "none";
    return { dealId, requestId };
  }

  const reads = async (dealId: string, requestId: string) => ({
    "read the deal": fromApi(await call(one.GET, { token: deputy.token, params: { id: dealId } })),
    "read its history": fromApi(await call(history.GET, { token: deputy.token, params: { id: dealId } })),
    "find it in the list": (
      (await call(opportunities.GET, { token: deputy.token, path: `/api/v1/opportunities?ownerId=${teamRep.id}&limit=200` })).body.items as {
        id: string;
      }[]
    ).some((d) => d.id === dealId)
      ? "ok"
      : "not_found",
    "read the request": fromApi(await call(approvalRequest.GET, { token: deputy.token, params: { id: requestId } })),
  });
  const allRead = { "read the deal": "ok", "read its history": "ok", "find it in the list": "ok", "read the request": "ok" };
  const noneRead = {
    "read the deal": "not_found",
    "read its history": "not_found",
    "find it in the list": "not_found",
    "read the request": "not_found",
  };

  test("reads the deal they decide on while it waits on them and after they decided, and changes nothing of it", async () => {
    const { dealId, requestId } = await partnersDeal(["sales_manager"]);
    expect(await reads(dealId, requestId)).toEqual(allRead);
    const version = await currentVersion(dealId);
    const writes = {
      "change the deal": fromApi(
        await call(one.PATCH, { token: deputy.token, params: { id: dealId }, method: "PATCH", body: { version, nextStep: "Call" } }),
      ),
      "submit for it": fromApi(await call(submitApproval.POST, { token: deputy.token, params: { id: dealId }, body: { justification: "Mine" } })),
      "withdraw the request": fromApi(await call(withdrawApproval.POST, { token: deputy.token, params: { id: requestId } })),
      decide: fromApi(await call(approvalDecisions.POST, { token: deputy.token, params: { id: requestId }, body: { decision: "approve" } })),
    };
    expect(writes).toEqual({ "change the deal": "forbidden", "submit for it": "forbidden", "withdraw the request": "forbidden", decide: "ok" });
    expect(await reads(dealId, requestId)).toEqual(allRead);
  });

  test("a request that asked the sales manager and was withdrawn still shows its deal, as the desk's do", async () => {
    const { dealId, requestId } = await partnersDeal(["sales_manager"], "withdrawn");
    expect(await reads(dealId, requestId)).toEqual(allRead);
  });

  test("the team's deals that never asked the sales manager stay out of sight", async () => {
    const toFinance = await partnersDeal(["finance"]);
    expect(await reads(toFinance.dealId, toFinance.requestId)).toEqual(noneRead);
    expect(
      fromApi(await call(approvalDecisions.POST, { token: deputy.token, params: { id: toFinance.requestId }, body: { decision: "approve" } })),
    ).toBe("not_found");
    const none = await partnersDeal(null);
    expect((await reads(none.dealId, none.requestId))["read the deal"]).toBe("not_found");
  });

  test("once an admin names another deputy, the former one sees none of it", async () => {
    const { dealId, requestId } = await partnersDeal(["sales_manager"]);
    expect(await reads(dealId, requestId)).toEqual(allRead);
    await db().team.update({ where: { id: partnersId }, data: { approvalDeputyId: null } });
    try {
      expect(await reads(dealId, requestId)).toEqual(noneRead);
    } finally {
      await db().team.update({ where: { id: partnersId }, data: { approvalDeputyId: deputy.id } });
    }
  });
});
