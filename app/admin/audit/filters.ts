// The audit page's address: its filters (who, action, kind of object, a range of days) and page, the
// same ones its CSV download takes. What is not one of the choices is ignored rather than refused, so
// an edited or outdated link still opens.
import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES, type AuditAction, type AuditObjectType } from "@/src/domain/audit/actions";
import { isCalendarDate } from "@/src/domain/dates";
import { cursorOrFirstPage } from "@/src/server/list-cursor";

export type AuditPageFilters = { actor?: string; action?: AuditAction; objectType?: AuditObjectType; from?: string; to?: string; cursor?: string };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
const oneOf = <T extends string>(list: readonly T[], v: string | undefined) => ((list as readonly string[]).includes(v ?? "") ? (v as T) : undefined);
const day = (v: string | undefined) => (v && isCalendarDate(v) ? v : undefined);

export function parseAuditFilters(params: Params): AuditPageFilters {
  const from = day(one(params.from));
  const to = day(one(params.to));
  return {
    actor: one(params.actor)?.slice(0, 254),
    action: oneOf(AUDIT_ACTIONS, one(params.action)),
    objectType: oneOf(AUDIT_OBJECT_TYPES, one(params.objectType)),
    from,
    // Days the wrong way round: the range's end is dropped rather than matching nothing.
    to: from && to && to < from ? undefined : to,
    cursor: cursorOrFirstPage(one(params.cursor)),
  };
}

export const hasFilters = (f: AuditPageFilters) => Boolean(f.actor || f.action || f.objectType || f.from || f.to);

function query(filters: AuditPageFilters): string {
  const q = new URLSearchParams();
  for (const key of ["actor", "action", "objectType", "from", "to", "cursor"] as const) {
    const value = filters[key];
    if (value) q.set(key, value);
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The page's address with `filters` (the page's cursor dropped unless given). */
export const auditHref = (filters: AuditPageFilters) => `/admin/audit${query(filters)}`;

/** The CSV of every entry these filters match (all pages). */
export const auditCsvHref = ({ cursor: _cursor, ...filters }: AuditPageFilters) => `/admin/audit/export${query(filters)}`;
