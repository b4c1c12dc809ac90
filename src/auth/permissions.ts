// What each role may do, and to which objects: the one table. A role missing from a row may not do
// it at all; its scope says which objects it may do it to. authorize.ts answers from this table, and
// scope.ts decides whether an object is in a scope.
export const ROLES = ["rep", "manager", "deal_desk", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** The role of a server's first user (npm run create-admin): the one that manages users and the rest. */
export const FIRST_USER_ROLE: Role = "admin";

export const DESK_GROUPS = ["finance", "legal", "sales_ops"] as const;
export type DeskGroup = (typeof DESK_GROUPS)[number];
export const isDeskGroup = (group: string): group is DeskGroup => (DESK_GROUPS as readonly string[]).includes(group);

/**
 * - own: the deals the actor owns; for opportunity.create, the actor as the new deal's owner.
 * - team: those, and the deals of everyone on a team the actor is on or manages.
 * - submitted: the deals put in front of the actor's deal desk groups (an approval request was routed
 *   to one of them).
 * - all: every object.
 */
const SCOPES = ["own", "team", "submitted", "all"] as const;
export type Scope = (typeof SCOPES)[number];

export const PERMISSIONS = {
  "opportunity.read": { rep: "own", manager: "team", deal_desk: "submitted", admin: "all" },
  /** Scoped by who may be given the new deal: a rep creates for themselves, a manager for the team. */
  "opportunity.create": { rep: "own", manager: "team" },
  /** Every change to a deal: fields, criteria, contacts, close plan, files, moves, disqualifying. */
  "opportunity.update": { rep: "own", manager: "team" },
  /**
   * Creating and changing deals from a CSV file (docs/rules/import.md), row by row: a rep for
   * themselves, a manager for the team, an admin for anyone (imports are how an admin loads the data).
   */
  "opportunity.import": { rep: "own", manager: "team", admin: "all" },
  "opportunity.override": { manager: "team" },
  "approval.submit": { rep: "own", manager: "team" },
  "approval.queue": { deal_desk: "submitted", manager: "team", admin: "all" },
  "approval.decide": { deal_desk: "submitted", manager: "team" },
  "dashboard.view": { manager: "team", admin: "all" },
  /** A team's targets and deal size thresholds, for the dashboard. */
  "targets.set": { manager: "team", admin: "all" },
  "process.read": { rep: "all", manager: "all", deal_desk: "all", admin: "all" },
  "process.manage": { admin: "all" },
  "rules.manage": { admin: "all" },
  /** The closing's templates, loss categories and Missed Connections cadence (docs/rules/closing.md). */
  "closing.manage": { admin: "all" },
  "users.manage": { admin: "all" },
  "teams.manage": { admin: "all" },
  /** Who may be named a team's manager. */
  "teams.lead": { manager: "team" },
  /**
   * Who may own a step of a deal's close plan, on our side: the deal's owner, the members of the
   * owner's team and its manager, and the deal desk on any deal.
   */
  "closePlan.ownStep": { rep: "team", manager: "team", deal_desk: "all", admin: "team" },
  "integrations.manage": { admin: "all" },
  "outbox.manage": { admin: "all" },
  /** Webhook endpoints: register, change, rotate secrets, see deliveries (docs/webhooks.md). */
  "webhooks.manage": { admin: "all" },
  /** The audit log of admin changes and sign-ins (docs/rules/audit.md): read and export it. */
  "audit.view": { admin: "all" },
  /** Every user's API tokens: list and revoke them (docs/rules/access.md); each user manages their own in settings. */
  "tokens.manage": { admin: "all" },
} as const satisfies Record<string, Partial<Record<Role, Scope>>>;

export type Permission = keyof typeof PERMISSIONS;

/** The objects `role` may do `permission` to, or null when it may not do it at all. */
export function roleScope(role: Role, permission: Permission): Scope | null {
  return (PERMISSIONS[permission] as Partial<Record<Role, Scope>>)[role] ?? null;
}

export function roleCan(role: Role, permission: Permission): boolean {
  return roleScope(role, permission) !== null;
}

/** The roles that hold a permission (with this scope, when one is named), in the order of ROLES. */
export function rolesWith(permission: Permission, scope?: Scope): Role[] {
  return ROLES.filter((role) => (scope ? roleScope(role, permission) === scope : roleCan(role, permission)));
}

/** Approver groups are the deal desk's: only a deal desk user belongs to them, and needs one. */
export function hasDeskGroups(role: Role): boolean {
  return role === "deal_desk";
}
