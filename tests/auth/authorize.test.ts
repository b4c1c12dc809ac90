import { describe, expect, test } from "vitest";
import type { Actor } from "@/src/auth/actor";
import { assertCan, can, canAssignOwner, canChangeOpportunity } from "@/src/auth/authorize";
import { PERMISSIONS, ROLES, type Permission, type Role } from "@/src/auth/permissions";

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

// The product's role table (docs/rules/roles-and-access.md), written out in full so that a change to
// permissions.ts that widens or narrows a role fails here.
const EXPECTED: Record<Permission, Role[]> = {
  "opportunity.read": ["rep", "manager", "deal_desk", "admin"],
  "opportunity.create": ["rep", "manager"],
  "opportunity.update": ["rep", "manager"],
  "opportunity.override": ["manager"],
  "approval.submit": ["rep", "manager"],
  "approval.queue": ["deal_desk", "manager", "admin"],
  "approval.decide": ["deal_desk", "manager"],
  "dashboard.view": ["manager", "admin"],
  "process.read": ["rep", "manager", "deal_desk", "admin"],
  "process.manage": ["admin"],
  "rules.manage": ["admin"],
  "users.manage": ["admin"],
  "teams.manage": ["admin"],
  "integrations.manage": ["admin"],
  "outbox.manage": ["admin"],
};

describe("the role table", () => {
  test("covers every permission the product defines", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const role of ROLES)
    for (const permission of Object.keys(EXPECTED) as Permission[]) {
      const allowed = EXPECTED[permission].includes(role);
      test(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can(actor(role), permission)).toBe(allowed);
        if (allowed) expect(() => assertCan(actor(role), permission)).not.toThrow();
        else expect(() => assertCan(actor(role), permission)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
      });
    }
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
