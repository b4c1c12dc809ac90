import { describe, expect, test } from "vitest";
import type { Actor } from "@/src/auth/actor";
import { assertCan, can, canAssignOwner, canChangeOpportunity, canOwnPlanStep, canSee, permissionScope } from "@/src/auth/authorize";
import { approverGroups, canChooseOwner, opportunityCapabilities } from "@/src/auth/capabilities";
import { PERMISSIONS, ROLES, type Permission, type Role, type Scope } from "@/src/auth/permissions";

const actor = (role: Role, extra: Partial<Actor> = {}): Actor => ({
  id: `${role}-1`,
  email: `${role}@example.test`,
  name: role,
  role,
  teamId: "team-a",
  groups: role === "deal_desk" ? ["finance"] : [],
  teamIds: ["team-a"],
  ...extra,
});

// The product's role table (docs/rules/roles-and-access.md), written out in full with each role's
// scope, so that a change to permissions.ts that widens or narrows a role fails here.
const EXPECTED: Record<Permission, Partial<Record<Role, Scope>>> = {
  "opportunity.read": { rep: "own", manager: "team", deal_desk: "submitted", admin: "all" },
  "opportunity.create": { rep: "own", manager: "team" },
  "opportunity.update": { rep: "own", manager: "team" },
  "opportunity.import": { rep: "own", manager: "team", admin: "all" },
  "opportunity.override": { manager: "team" },
  "approval.submit": { rep: "own", manager: "team" },
  "approval.queue": { deal_desk: "submitted", manager: "team", admin: "all" },
  "approval.decide": { deal_desk: "submitted", manager: "team" },
  "dashboard.view": { manager: "team", admin: "all" },
  "targets.set": { manager: "team", admin: "all" },
  "process.read": { rep: "all", manager: "all", deal_desk: "all", admin: "all" },
  "process.manage": { admin: "all" },
  "rules.manage": { admin: "all" },
  "closing.manage": { admin: "all" },
  "users.manage": { admin: "all" },
  "teams.manage": { admin: "all" },
  "teams.lead": { manager: "team" },
  "closePlan.ownStep": { rep: "team", manager: "team", deal_desk: "all", admin: "team" },
  "integrations.manage": { admin: "all" },
  "outbox.manage": { admin: "all" },
  "webhooks.manage": { admin: "all" },
  "audit.view": { admin: "all" },
  "tokens.manage": { admin: "all" },
};

describe("the role table", () => {
  test("covers every permission the product defines", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const role of ROLES)
    for (const permission of Object.keys(EXPECTED) as Permission[]) {
      const scope = EXPECTED[permission][role] ?? null;
      test(`${role} ${scope ? `may ${permission} (${scope})` : `may not ${permission}`}`, () => {
        expect(permissionScope(actor(role), permission)).toBe(scope);
        expect(can(actor(role), permission)).toBe(scope !== null);
        if (scope) expect(() => assertCan(actor(role), permission)).not.toThrow();
        else expect(() => assertCan(actor(role), permission)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
      });
    }
});

describe("a scope, for one deal", () => {
  const own = { ownerId: "rep-1", ownerTeamId: "team-a" };
  const teammates = { ownerId: "someone", ownerTeamId: "team-a" };
  const otherTeam = { ownerId: "someone", ownerTeamId: "team-b" };
  const noTeam = { ownerId: "someone", ownerTeamId: null };
  const submitted = { ...otherTeam, submittedTo: ["finance"] };
  const reach = (a: Actor, permission: Permission) =>
    Object.entries({ own, teammates, otherTeam, noTeam, submitted })
      .filter(([, deal]) => can(a, permission, deal))
      .map(([name]) => name);

  test("own is the actor's deals, team adds the teams', submitted what went to the deal desk, all is all", () => {
    expect(reach(actor("rep"), "opportunity.read")).toEqual(["own"]);
    expect(reach(actor("manager", { id: "rep-1" }), "opportunity.read")).toEqual(["own", "teammates"]);
    expect(reach(actor("deal_desk"), "opportunity.read")).toEqual(["submitted"]);
    expect(reach(actor("admin"), "opportunity.read")).toEqual(["own", "teammates", "otherTeam", "noTeam", "submitted"]);
  });

  test("the deal desk reaches the deals submitted to one of its own groups only", () => {
    const finance = actor("deal_desk", { groups: ["finance"] });
    const legal = actor("deal_desk", { groups: ["legal", "sales_ops"] });
    const toLegal = { ...otherTeam, submittedTo: ["sales_manager", "legal"] };
    expect([can(finance, "opportunity.read", submitted), can(finance, "opportunity.read", toLegal)]).toEqual([true, false]);
    expect([can(legal, "opportunity.read", submitted), can(legal, "opportunity.read", toLegal)]).toEqual([false, true]);
    expect(can(finance, "opportunity.read", { ...otherTeam, submittedTo: [] })).toBe(false);
  });

  test("without the permission no deal is in reach, whatever its owner", () => {
    expect(reach(actor("admin", { id: "rep-1" }), "opportunity.update")).toEqual([]);
    expect(reach(actor("rep"), "opportunity.override")).toEqual([]);
  });

  test("an assertion on a deal out of scope is FORBIDDEN", () => {
    expect(() => assertCan(actor("manager"), "opportunity.override", otherTeam)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => assertCan(actor("manager"), "opportunity.override", teammates)).not.toThrow();
  });
});

describe("who may change an opportunity", () => {
  const own = { ownerId: "rep-1", ownerTeamId: "team-a" };
  const teammates = { ownerId: "someone", ownerTeamId: "team-a" };
  const otherTeam = { ownerId: "someone", ownerTeamId: "team-b" };
  const noTeam = { ownerId: "someone", ownerTeamId: null };

  test("a rep changes their own deals only", () => {
    expect(canChangeOpportunity(actor("rep"), own)).toBe(true);
    expect(canChangeOpportunity(actor("rep"), teammates)).toBe(false);
    expect(canChangeOpportunity(actor("rep"), otherTeam)).toBe(false);
  });

  test("a manager changes their own and their teams' deals, not another team's", () => {
    const manager = actor("manager", { id: "manager-1", teamIds: ["team-a", "team-c"] });
    expect(canChangeOpportunity(manager, { ownerId: "manager-1", ownerTeamId: "team-a" })).toBe(true);
    expect(canChangeOpportunity(manager, teammates)).toBe(true);
    expect(canChangeOpportunity(manager, { ownerId: "x", ownerTeamId: "team-c" })).toBe(true);
    expect(canChangeOpportunity(manager, otherTeam)).toBe(false);
    expect(canChangeOpportunity(manager, noTeam)).toBe(false);
  });

  test("the deal desk and admins do not change deals", () => {
    for (const role of ["deal_desk", "admin"] as const) {
      expect(canChangeOpportunity(actor(role), { ownerId: `${role}-1`, ownerTeamId: "team-a" })).toBe(false);
      expect(canChangeOpportunity(actor(role), teammates)).toBe(false);
    }
  });
});

describe("a team's approval deputy sees what they decide on", () => {
  const deputy = actor("manager", { id: "deputy-1", teamIds: ["team-d"] });
  const deal = (submittedTo: string[], ownerTeamDeputyId: string | null = "deputy-1") => ({
    ownerId: "someone",
    ownerTeamId: "team-b",
    submittedTo,
    ownerTeamDeputyId,
  });

  test("another team's deal that asked the sales manager, read only", () => {
    expect(canSee(deputy, deal(["sales_manager"]))).toBe(true);
    expect(canSee(deputy, deal(["finance", "sales_manager", "legal"]))).toBe(true);
    expect(canChangeOpportunity(deputy, deal(["sales_manager"]))).toBe(false);
    expect(can(deputy, "approval.submit", deal(["sales_manager"]))).toBe(false);
  });

  test("not a deal that never asked the sales manager, nor one of a team they are not deputy for", () => {
    expect(canSee(deputy, deal(["finance"]))).toBe(false);
    expect(canSee(deputy, deal([]))).toBe(false);
    expect(canSee(deputy, deal(["sales_manager"], "someone-else"))).toBe(false);
    expect(canSee(deputy, deal(["sales_manager"], null))).toBe(false);
  });

  test("only a manager can be a deputy: another role named so sees nothing more", () => {
    for (const role of ["rep", "deal_desk"] as const)
      expect(canSee(actor(role, { id: "deputy-1", groups: [] }), deal(["sales_manager"]))).toBe(false);
  });
});

describe("who may own a deal the actor creates", () => {
  test("a rep creates deals for themselves only", () => {
    expect(canAssignOwner(actor("rep"), { id: "rep-1", teamId: "team-a", role: "rep" })).toBe(true);
    expect(canAssignOwner(actor("rep"), { id: "rep-2", teamId: "team-a", role: "rep" })).toBe(false);
  });

  test("a manager assigns deals within their teams, to reps and managers", () => {
    const manager = actor("manager");
    expect(canAssignOwner(manager, { id: "rep-2", teamId: "team-a", role: "rep" })).toBe(true);
    expect(canAssignOwner(manager, { id: "rep-9", teamId: "team-b", role: "rep" })).toBe(false);
    expect(canAssignOwner(manager, { id: "desk", teamId: "team-a", role: "deal_desk" })).toBe(false);
  });

  test("admins and the deal desk create no deals", () => {
    expect(canAssignOwner(actor("admin"), { id: "admin-1", teamId: "team-a", role: "admin" })).toBe(false);
    expect(canAssignOwner(actor("deal_desk"), { id: "deal_desk-1", teamId: null, role: "deal_desk" })).toBe(false);
  });
});

describe("who may own a close plan step", () => {
  const deal = { ownerId: "rep-1", ownerTeamId: "team-a" };
  const user = (role: Role, extra: Partial<{ id: string; teamId: string | null; managedTeamIds: string[] }> = {}) => ({
    id: `${role}-x`,
    role,
    teamId: null,
    managedTeamIds: [],
    ...extra,
  });

  test("the deal's owner, their teammates whatever their role, and the team's manager", () => {
    expect(canOwnPlanStep(user("rep", { id: "rep-1", teamId: null }), { ownerId: "rep-1", ownerTeamId: null })).toBe(true);
    for (const role of ROLES) expect([role, canOwnPlanStep(user(role, { teamId: "team-a" }), deal)]).toEqual([role, true]);
    expect(canOwnPlanStep(user("manager", { teamId: "team-m", managedTeamIds: ["team-a"] }), deal)).toBe(true);
  });

  test("the deal desk on any deal; nobody else outside the team", () => {
    expect(canOwnPlanStep(user("deal_desk"), deal)).toBe(true);
    expect(canOwnPlanStep(user("rep", { teamId: "team-b" }), deal)).toBe(false);
    expect(canOwnPlanStep(user("manager", { teamId: "team-b", managedTeamIds: ["team-b"] }), deal)).toBe(false);
    expect(canOwnPlanStep(user("admin"), deal)).toBe(false);
    expect(canOwnPlanStep(user("rep"), { ownerId: "rep-1", ownerTeamId: null })).toBe(false);
  });
});

describe("what pages are told the actor may do", () => {
  const teammates = { ownerId: "someone", ownerTeamId: "team-a" };
  const otherTeam = { ownerId: "someone", ownerTeamId: "team-b" };

  test("a deal's capabilities: change, override and reassign, each within the role's scope", () => {
    expect(opportunityCapabilities(actor("manager"), teammates)).toEqual({ change: true, override: true, assignOwner: true });
    expect(opportunityCapabilities(actor("manager"), otherTeam)).toEqual({ change: false, override: false, assignOwner: false });
    expect(opportunityCapabilities(actor("rep"), { ownerId: "rep-1", ownerTeamId: "team-a" })).toEqual({
      change: true,
      override: false,
      assignOwner: false,
    });
    expect(opportunityCapabilities(actor("admin"), teammates)).toEqual({ change: false, override: false, assignOwner: false });
  });

  test("only a manager chooses whom a new deal belongs to", () => {
    expect(ROLES.filter((role) => canChooseOwner(actor(role)))).toEqual(["manager"]);
  });

  test("a manager decides as sales manager, the deal desk for its groups, no one else for any", () => {
    expect(approverGroups(actor("manager"))).toEqual(["sales_manager"]);
    expect(approverGroups(actor("deal_desk", { groups: ["finance", "legal"] }))).toEqual(["finance", "legal"]);
    expect(approverGroups(actor("rep"))).toEqual([]);
    expect(approverGroups(actor("admin"))).toEqual([]);
  });
});
