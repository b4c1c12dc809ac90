// The sections of the admin console, each behind the permission that manages it: the layout shows
// the ones the actor may open, /admin opens the first, and a new section is one more line here.
import type { Actor } from "@/src/auth/actor";
import { can } from "@/src/auth/authorize";
import type { Permission } from "@/src/auth/permissions";

export const ADMIN_SECTIONS = [
  { href: "/admin/processes", label: "Processes", permission: "process.manage" },
  { href: "/admin/users", label: "Users", permission: "users.manage" },
  { href: "/admin/teams", label: "Teams", permission: "teams.manage" },
  { href: "/admin/closing", label: "Closing", permission: "closing.manage" },
  { href: "/admin/integrations", label: "Integrations", permission: "integrations.manage" },
  { href: "/admin/outbox", label: "Outbox", permission: "outbox.manage" },
  { href: "/admin/tokens", label: "API tokens", permission: "tokens.manage" },
  { href: "/admin/audit", label: "Audit log", permission: "audit.view" },
] as const satisfies readonly { href: string; label: string; permission: Permission }[];

export const adminSectionsFor = (actor: Actor) => ADMIN_SECTIONS.filter((s) => can(actor, s.permission));
