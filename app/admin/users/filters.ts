// The users page's address: its filters by role, team and status. What is not one of the choices
// is ignored rather than refused, so an edited or outdated link still opens.
import { ROLES, type Role } from "@/src/auth/permissions";
import { USER_STATUSES, type UserStatus } from "@/src/schemas/users";
import type { BadgeTone } from "@/src/ui/badge";

export type UserFilters = { role?: Role; team?: string; status?: UserStatus };
type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
const oneOf = <T extends string>(list: readonly T[], v: string | undefined) => ((list as readonly string[]).includes(v ?? "") ? (v as T) : undefined);

export function parseUserFilters(params: Params): UserFilters {
  const team = one(params.team);
  return {
    role: oneOf(ROLES, one(params.role)),
    team: team && /^[A-Za-z0-9_-]{1,64}$/.test(team) ? team : undefined,
    status: oneOf(USER_STATUSES, one(params.status)),
  };
}

export function usersHref(filters: UserFilters): string {
  const q = new URLSearchParams();
  if (filters.role) q.set("role", filters.role);
  if (filters.team) q.set("team", filters.team);
  if (filters.status) q.set("status", filters.status);
  const s = q.toString();
  return s ? `/admin/users?${s}` : "/admin/users";
}

export const STATUS_LABELS: Record<UserStatus, string> = { active: "Active", invited: "Invited", deactivated: "Deactivated" };
export const STATUS_TONES: Record<UserStatus, BadgeTone> = { active: "success", invited: "accent", deactivated: "neutral" };
