// What each role may do: the one table. Object-level rules (whose deal) live in authorize.ts.
export const ROLES = ["rep", "manager", "deal_desk", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const DESK_GROUPS = ["finance", "legal", "sales_ops"] as const;
export type DeskGroup = (typeof DESK_GROUPS)[number];

export const PERMISSIONS = {
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
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleCan(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
