// The deals behind each number of the dashboard (docs/rules/dashboard.md, "The deals behind a
// number"): the same scope (scopedDeals) and the same conditions as the figures of
// compute-metrics.ts, or for the size mix and the movement the same rows and bucket conditions
// (sizedDeals, movementRows), so that a list and its number cannot disagree. Sorted, paged, and whole
// for CSV.
import { sql, type RawBuilder } from "kysely";
import type { Actor } from "../../auth/actor";
import { fromCalendarDate, isCalendarDate, toCalendarDate } from "../../domain/dates";
import { type Period, periodEnd } from "../../domain/metrics/period";
import { fromCents } from "../../domain/money";
import { AppError } from "../../errors";
import { database, type Sql } from "../db";
import { stagelineCsvOf } from "../exports/stageline-csv";
import { closedIn, dueIn, FORECAST_ORDER, integrityConditions, openStagesOf } from "./compute-metrics";
import {
  type DealSort,
  type FigureRef,
  figureLabel,
  figureValueNote,
  INTEGRITY_KINDS,
  type IntegrityKind,
  MOVEMENT_KINDS,
  SIZE_KINDS,
} from "../../domain/metrics/deal-figures";
import { MOVEMENT_BUCKETS, movementRows } from "./movement";
import { sizeBucket, sizedDeals } from "./pipeline-factor";
import { type MetricsFilter, type MetricsScope, resolveMetricsScope, scopedDeals } from "./metrics-scope";

export type DealsBehindRequest = MetricsFilter &
  Period &
  FigureRef & { currency?: string; sort?: DealSort; direction?: "asc" | "desc"; offset?: number; limit?: number };

export type DealBehind = {
  id: string;
  name: string;
  accountName: string;
  ownerName: string;
  stage: string;
  stageName: string;
  status: string;
  amount: number;
  currency: string;
  closeDate: string;
  closedAt: string | null;
  /** Slippage only: the pushes of its close date in the period, and the days they added. */
  pushes?: number;
  daysSlipped?: number;
  /** Movement only: its amount on the day the movement starts from (today's less the changes since); null when created since. */
  amountThen?: number | null;
};

const invalid = (field: string, message: string) => new AppError("VALIDATION_FAILED", `${field}: ${message}`, { fields: [{ field, message }] });

const required = (ref: FigureRef, field: "stage" | "category" | "kind" | "name" | "since"): string => {
  const value = ref[field]?.trim();
  if (!value) throw invalid(field, `required with figure=${ref.figure}`);
  return value;
};

const lossColumn = { loss_category: "lostReasonCategory", loss_competitor: "lostCompetitor", loss_missing: "lostMissingFunctionality" } as const;

/** The slippage condition of slippageByRep: close dates pushed later during the period. */
const pushedIn = (scope: MetricsScope) => sql`c."opportunityId" = o."id" AND c."newDate" > c."oldDate"
  AND c."changedAt" >= CAST(${scope.period.from} AS date) AND c."changedAt" < CAST(${periodEnd(scope.period)} AS date)`;

/**
 * How the list picks the deals behind the figure: a condition on `o` and `s` (besides the scope), and
 * for a figure computed over a table of its own (the size mix's `sz`, the movement's `mv`) that table
 * joined, and the value each deal adds to the figure when it is not its amount today.
 */
export type FigureSelection = { condition: RawBuilder<boolean>; join?: RawBuilder<unknown>; value?: RawBuilder<unknown>; amountThen?: boolean };

const kindOf = <K extends string>(ref: FigureRef, kinds: readonly K[]): K => {
  const kind = required(ref, "kind");
  if (!(kinds as readonly string[]).includes(kind)) throw invalid("kind", `one of ${kinds.join(", ")}`);
  return kind as K;
};

/** The day a movement starts from, 00:00 UTC. */
const sinceOf = (ref: FigureRef): Date => {
  const since = ref.since?.trim();
  if (!since) throw invalid("since", `required with figure=${ref.figure}`);
  if (!isCalendarDate(since)) throw invalid("since", "a calendar day, YYYY-MM-DD");
  return fromCalendarDate(since);
};

export function figureSelection(scope: MetricsScope, ref: FigureRef, today: string, currency: string): FigureSelection {
  switch (ref.figure) {
    case "size":
      return { join: sql`JOIN ${sizedDeals(scope, currency)} sz ON sz."id" = o."id"`, condition: sizeBucket(kindOf(ref, SIZE_KINDS)) };
    case "movement": {
      const bucket = MOVEMENT_BUCKETS[kindOf(ref, MOVEMENT_KINDS)];
      return {
        join: sql`JOIN ${movementRows(scope, sinceOf(ref), currency)} mv ON mv."id" = o."id"`,
        condition: bucket.where,
        value: bucket.value ?? undefined,
        amountThen: true,
      };
    }
    default:
      return { condition: figureCondition(scope, ref, today) };
  }
}

/** The condition on `o` and `s` (besides the scope) that picks the deals behind a figure of the deals' own columns and history. */
function figureCondition(scope: MetricsScope, ref: FigureRef, today: string): RawBuilder<boolean> {
  switch (ref.figure) {
    case "won":
      return sql<boolean>`o."status" = 'won' AND ${closedIn(scope)}`;
    case "lost":
      return sql<boolean>`o."status" = 'lost' AND ${closedIn(scope)}`;
    case "open_due":
      return sql<boolean>`o."status" = 'open' AND ${dueIn(scope)}`;
    case "qualified":
      return sql<boolean>`o."status" = 'open' AND s."kind" = 'open' AND s."order" >= 1`;
    case "reached":
    case "reached_won": {
      const stage = required(ref, "stage");
      const status = ref.figure === "reached_won" ? sql`o."status" = 'won'` : sql`o."status" IN ('won', 'lost')`;
      // The stages a deal entered, as conversionByStage counts them (reached-stages.ts).
      return sql<boolean>`${status} AND ${closedIn(scope)} AND ${stage} = ANY (o."reachedStages")`;
    }
    case "balance":
      return sql<boolean>`o."status" = 'open' AND o."stageKey" = ${required(ref, "stage")}`;
    case "forecast": {
      const category = required(ref, "category");
      if (!(FORECAST_ORDER as readonly string[]).includes(category)) throw invalid("category", `one of ${FORECAST_ORDER.join(", ")}`);
      if (category === "closed") return sql<boolean>`o."status" = 'won' AND ${closedIn(scope)}`;
      return sql<boolean>`o."status" = 'open' AND s."forecastCategory"::text = ${category}`;
    }
    case "open":
      return sql<boolean>`o."status" = 'open'`;
    case "integrity": {
      const kind = required(ref, "kind");
      if (!(INTEGRITY_KINDS as readonly string[]).includes(kind)) throw invalid("kind", `one of ${INTEGRITY_KINDS.join(", ")}`);
      const c = integrityConditions(today);
      const condition =
        kind === "any"
          ? sql`(${c.pastDueCloseDate} OR ${c.noNextStep} OR ${c.stalled} OR ${c.overridden})`
          : c[kind as Exclude<IntegrityKind, "any">];
      return sql<boolean>`o."status" = 'open' AND ${condition}`;
    }
    case "loss_category":
    case "loss_competitor":
    case "loss_missing": {
      const column = sql.ref(`o.${lossColumn[ref.figure]}`);
      return sql<boolean>`o."status" = 'lost' AND ${closedIn(scope)} AND btrim(${column}) = ${required(ref, "name")}`;
    }
    case "slippage":
      return sql<boolean>`EXISTS (SELECT 1 FROM "CloseDateChange" c WHERE ${pushedIn(scope)})`;
    case "size":
    case "movement":
      throw invalid("figure", `${ref.figure} is counted over a table of its own: ask figureSelection`);
    default: {
      const never: never = ref.figure;
      throw invalid("figure", `unknown figure ${String(never)}`);
    }
  }
}

const SORT_SQL: Record<DealSort, RawBuilder<unknown>> = {
  amount: sql`o."amountCents"`,
  closeDate: sql`o."closeDate"`,
  name: sql`lower(o."name")`,
  stage: sql`s."order"`,
};

export const DEALS_PAGE_SIZE = 50;
/** The most rows a CSV holds. */
export const CSV_MAX_ROWS = 10_000;

type Row = Record<string, unknown>;
const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

export async function dealsBehind(actor: Actor, request: DealsBehindRequest, now = new Date()) {
  const q: Sql = database().sql;
  const { mainCurrency, ...scope } = await resolveMetricsScope(q, actor, { from: request.from, to: request.to }, request, {
    withMainCurrency: !request.currency,
  });
  const currency = request.currency ?? mainCurrency ?? "USD";
  const today = toCalendarDate(now);
  const { condition, join, value, amountThen } = figureSelection(scope, request, today, currency);
  const slippage = request.figure === "slippage";
  const sort = SORT_SQL[request.sort ?? "closeDate"];
  const direction = request.direction === "desc" ? sql`DESC` : sql`ASC`;
  const limit = Math.min(request.limit ?? DEALS_PAGE_SIZE, CSV_MAX_ROWS);
  const offset = Math.max(0, request.offset ?? 0);
  const pushes = slippage
    ? sql`, (SELECT count(*) FROM "CloseDateChange" c WHERE ${pushedIn(scope)}) AS pushes,
        (SELECT sum(c."newDate" - c."oldDate") FROM "CloseDateChange" c WHERE ${pushedIn(scope)}) AS days_slipped`
    : sql``;
  const then = amountThen ? sql`, CASE WHEN mv.existed THEN mv.amount_then END AS amount_then` : sql``;
  const [totals, page] = await Promise.all([
    sql<Row>`SELECT count(*) AS total, sum(${value ?? sql`o."amountCents"`}) FILTER (WHERE o."currency" = ${currency}) AS value
      FROM ${scopedDeals(scope, join)} AND ${condition}`.execute(q),
    sql<Row>`SELECT o."id", o."name", o."accountName", u."name" AS owner_name, o."stageKey", s."name" AS stage_name, o."status"::text AS status,
        o."amountCents", o."currency", o."closeDate", o."closedAt" ${pushes} ${then}
      FROM ${scopedDeals(scope, join)} AND ${condition}
      ORDER BY ${sort} ${direction}, o."id" ${direction} LIMIT ${limit} OFFSET ${offset}`.execute(q),
  ]);
  const t = totals.rows[0] ?? {};
  // The stage as people read it in the list's title: its name in the process's current version.
  const stageName = request.stage ? (await openStagesOf(q, scope)).find((st) => st.key === request.stage)?.name : undefined;
  const deals: DealBehind[] = page.rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    accountName: String(r.accountName),
    ownerName: String(r.owner_name),
    stage: String(r.stageKey),
    stageName: String(r.stage_name),
    status: String(r.status),
    amount: fromCents(BigInt(String(r.amountCents))),
    currency: String(r.currency),
    closeDate: day(r.closeDate),
    closedAt: r.closedAt ? new Date(r.closedAt as string).toISOString() : null,
    ...(slippage ? { pushes: Number(r.pushes ?? 0), daysSlipped: Number(r.days_slipped ?? 0) } : {}),
    ...(amountThen ? { amountThen: r.amount_then === null ? null : fromCents(BigInt(String(r.amount_then))) } : {}),
  }));
  return {
    figure: {
      figure: request.figure,
      stage: request.stage,
      category: request.category,
      kind: request.kind,
      name: request.name,
      since: request.since,
    },
    label: figureLabel({ ...request, stage: stageName ?? request.stage }),
    /** What `value` adds up when it is not the deals' amounts today (a movement step's). */
    valueNote: figureValueNote(request),
    period: scope.period,
    currency,
    total: Number(t.total ?? 0),
    /** The deals' value in `currency` (deals in other currencies are left out, as in the figures): the figure's own number. */
    value: fromCents(BigInt(String(t.value ?? 0))),
    offset,
    limit,
    deals,
  };
}
export type DealsBehind = Awaited<ReturnType<typeof dealsBehind>>;

/**
 * The list as a Stageline CSV (src/server/exports/stageline-csv.ts), so it can be imported back: the
 * import's columns, then the list's own (the stage's name, the status, when it closed, and the
 * figure's: pushes and days slipped, or the amount then), which the import ignores.
 */
export async function dealsBehindCsv(list: DealsBehind): Promise<string> {
  const slippage = list.figure.figure === "slippage";
  const movement = list.figure.figure === "movement";
  const columns = ["stageName", "status", "closedAt"];
  if (slippage) columns.push("pushes", "daysSlipped");
  if (movement) columns.push("amountThen");
  const byId = new Map(list.deals.map((d) => [d.id, d]));
  return stagelineCsvOf(
    list.deals.map((d) => d.id),
    {
      columns,
      values: (id) => {
        const d = byId.get(id)!;
        return {
          stageName: d.stageName,
          status: d.status,
          closedAt: d.closedAt ?? "",
          ...(slippage ? { pushes: d.pushes, daysSlipped: d.daysSlipped } : {}),
          ...(movement ? { amountThen: d.amountThen ?? "" } : {}),
        };
      },
    },
  );
}

/** The CSV's file name: the figure and the period, in plain characters. */
export const dealsCsvFileName = (list: DealsBehind): string => {
  const f = list.figure;
  const about = [f.figure, f.stage, f.category, f.kind, f.name, f.since]
    .filter(Boolean)
    .join("-")
    .replace(/[^A-Za-z0-9_-]+/g, "_")
    .slice(0, 80);
  return `stageline-deals-${about}-${list.period.from}-${list.period.to}.csv`;
};
