// The desk queue's filters live in the URL (a GET form), so a filtered queue can be shared and
// survives a reload. Anything unreadable falls back to the default instead of an error page.
import { z } from "zod";
import { APPROVER_GROUPS, type ApproverGroup } from "../../domain/deal-desk/rules";

/** `pending` is the default view: the requests still waiting on the actor's groups. */
export const QUEUE_STATUSES = ["pending", "approved", "rejected", "changes_requested", "stale", "withdrawn", "all"] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export const QUEUE_SORTS = ["oldest", "newest", "due", "amount"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export type DeskQueueFilters = { group?: ApproverGroup; status: QueueStatus; lateOnly: boolean; sort: QueueSort };

export const DEFAULT_QUEUE_FILTERS: DeskQueueFilters = { status: "pending", lateOnly: false, sort: "oldest" };

export const DeskQueueParams = z.object({
  group: z.enum(APPROVER_GROUPS).optional().catch(undefined),
  status: z.enum(QUEUE_STATUSES).catch("pending").default("pending"),
  late: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => v === "1" || v === "true"),
  sort: z.enum(QUEUE_SORTS).catch("oldest").default("oldest"),
});

type SearchParams = Record<string, string | string[] | undefined>;

/** Reads the filters from a page's searchParams (the first value of a repeated key wins). */
export function parseDeskQueueFilters(params: SearchParams): DeskQueueFilters {
  const first = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = DeskQueueParams.parse(first);
  return { ...(parsed.group ? { group: parsed.group } : {}), status: parsed.status, lateOnly: parsed.late, sort: parsed.sort };
}

/** The filters as a query string, without the defaults. */
export function deskQueueQuery(filters: Partial<DeskQueueFilters>): string {
  const params = new URLSearchParams();
  if (filters.group) params.set("group", filters.group);
  if (filters.status && filters.status !== "pending") params.set("status", filters.status);
  if (filters.lateOnly) params.set("late", "1");
  if (filters.sort && filters.sort !== "oldest") params.set("sort", filters.sort);
  return params.toString();
}

export const deskQueueHref = (filters: Partial<DeskQueueFilters>) => {
  const query = deskQueueQuery(filters);
  return query ? `/deal-desk?${query}` : "/deal-desk";
};
