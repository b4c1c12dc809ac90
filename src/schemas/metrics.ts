// The dashboard's figures through the API (docs/rules/dashboard.md).
import { z } from "zod";
import { DEAL_FIGURES, DEAL_SORTS, FIGURE_KINDS, INTEGRITY_KINDS, MOVEMENT_KINDS, SIZE_KINDS } from "../domain/metrics/deal-figures";
import { Currency, Id, PageQuery } from "./common";
import { CalendarDate } from "./opportunities";

/** The scope and period of the figures, shared by the figures and the deals behind them. */
const metricsScopeShape = {
  /** The period's first and last day, both included; this quarter when neither is given. */
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  teamId: Id.optional(),
  ownerId: Id.optional(),
  /** The process whose deals and stages are counted; the default process when not given. */
  processKey: z.string().trim().min(1).max(100).optional(),
  /** The currency of every value; the one most deals in scope use when not given. */
  currency: Currency.optional(),
};

const bothEnds = (q: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (q.from && !q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "required with from" });
  if (q.to && !q.from) ctx.addIssue({ code: "custom", path: ["from"], message: "required with to" });
};

export const MetricsQuery = z
  .object({
    ...metricsScopeShape,
    /** Where the pipeline movement starts: the period's first day when not given. */
    since: CalendarDate.optional(),
  })
  .superRefine(bothEnds);
export type MetricsQuery = z.infer<typeof MetricsQuery>;

const ALL_KINDS = [...new Set([...INTEGRITY_KINDS, ...SIZE_KINDS, ...MOVEMENT_KINDS])] as [string, ...string[]];

/** A kind is one of its figure's; a movement needs the day it starts from. */
const kindOfFigure = (q: { figure: string; kind?: string; since?: string }, ctx: z.RefinementCtx) => {
  const kinds: readonly string[] | undefined = FIGURE_KINDS[q.figure as keyof typeof FIGURE_KINDS];
  if (q.kind !== undefined && kinds && !kinds.includes(q.kind))
    ctx.addIssue({ code: "custom", path: ["kind"], message: `with figure=${q.figure}, one of ${kinds.join(", ")}` });
  if (q.figure === "movement" && !q.since) ctx.addIssue({ code: "custom", path: ["since"], message: "required with figure=movement" });
};

/** Which number's deals (docs/rules/dashboard.md, "The deals behind a number"), in the figures' scope, sorted and paged. */
export const DealsBehindQuery = z
  .object({
    ...metricsScopeShape,
    figure: z.enum(DEAL_FIGURES),
    /** With figure reached, reached_won or balance: the stage's key. */
    stage: z.string().trim().min(1).max(100).optional(),
    /** With figure forecast. */
    category: z.enum(["pipeline", "best_case", "commit", "closed"]).optional(),
    /** With figure integrity (the problem), size (rock, stone, pebble) or movement (the waterfall's number). */
    kind: z
      .enum(ALL_KINDS)
      .optional()
      .meta({
        description: `With figure integrity: ${INTEGRITY_KINDS.join(", ")}; size: ${SIZE_KINDS.join(", ")}; movement: ${MOVEMENT_KINDS.join(", ")}.`,
      }),
    since: CalendarDate.optional().meta({
      description: "With figure movement (required): the day the movement starts from, 00:00 UTC; the dashboard's is the period's first day.",
    }),
    /** With figure loss_category, loss_competitor or loss_missing: the category, competitor or functionality. */
    name: z.string().trim().min(1).max(200).optional(),
    sort: z.enum(DEAL_SORTS).default("closeDate"),
    direction: z.enum(["asc", "desc"]).default("asc"),
    ...PageQuery,
  })
  .superRefine(bothEnds)
  .superRefine(kindOfFigure);
export type DealsBehindQuery = z.infer<typeof DealsBehindQuery>;

export const DealBehindResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    accountName: z.string(),
    ownerName: z.string(),
    stage: z.string(),
    stageName: z.string(),
    status: z.string(),
    amount: z.number(),
    currency: z.string(),
    closeDate: z.string(),
    closedAt: z.string().nullable(),
    pushes: z.number().int().optional(),
    daysSlipped: z.number().int().optional(),
    /** With figure movement: the deal's amount on `since`; null for a deal created since. */
    amountThen: z.number().nullable().optional(),
  })
  .meta({ id: "DealBehind" });

export const DealsBehindList = z
  .object({
    label: z.string(),
    period: z.object({ from: z.string(), to: z.string() }),
    currency: z.string(),
    /** How many deals are behind the number (every page). */
    total: z.number().int(),
    /** Their value in `currency`: the number's own (for a movement step, what it added to the pipeline or took away). */
    value: z.number(),
    /** What `value` adds up when it is not the deals' amounts today; null when it is. */
    valueNote: z.string().nullable(),
    items: z.array(DealBehindResponse),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: "DealsBehindList" });

const Rate = z.number().min(0).max(1).nullable();
const Step = z.object({ count: z.number().int(), value: z.number() });
const Line = z.object({ name: z.string(), label: z.string(), count: z.number().int(), value: z.number() });

export const MetricsResponse = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    currency: z.string(),
    scope: z.object({ teamIds: z.array(z.string()).nullable(), ownerId: z.string().nullable(), processKey: z.string() }),
    unitWinRate: Rate,
    valueWinRate: Rate,
    unitWinRateWithOpen: Rate,
    valueWinRateWithOpen: Rate,
    winRateCounts: z.object({
      won: z.number().int(),
      lost: z.number().int(),
      openDue: z.number().int(),
      wonValue: z.number(),
      lostValue: z.number(),
      openDueValue: z.number(),
    }),
    conversionByStage: z.array(
      z.object({
        stage: z.string(),
        name: z.string(),
        reached: z.number().int(),
        won: z.number().int(),
        reachedValue: z.number(),
        wonValue: z.number(),
        unitRate: Rate,
        valueRate: Rate,
      }),
    ),
    salesVelocityPerDay: z.number().nullable(),
    velocity: z.object({
      qualifiedDeals: z.number().int(),
      averageWonValue: z.number().nullable(),
      winRate: Rate,
      averageCycleDays: z.number().nullable(),
    }),
    byStage: z.array(z.object({ stage: z.string(), name: z.string(), count: z.number().int(), value: z.number(), weightedValue: z.number() })),
    forecastByCategory: z.array(
      z.object({ category: z.enum(["pipeline", "best_case", "commit", "closed"]), count: z.number().int(), value: z.number() }),
    ),
    weightedPipeline: z.number(),
    dataIntegrity: z.object({
      open: z.number().int(),
      pastDueCloseDate: z.number().int(),
      noNextStep: z.number().int(),
      stalled: z.number().int(),
      overridden: z.number().int(),
      any: z.number().int(),
      share: z.object({ pastDueCloseDate: Rate, noNextStep: Rate, stalled: Rate, overridden: Rate, any: Rate }),
    }),
    lossAnalysis: z.object({ categories: z.array(Line), competitors: z.array(Line), missingFunctionality: z.array(Line) }),
    slippage: z.array(z.object({ ownerId: z.string(), ownerName: z.string(), pushes: z.number().int(), daysSlipped: z.number().int() })),
    pipelineValueFactor: z.object({
      target: z.number().nullable(),
      wonInPeriod: z.number(),
      remainingTarget: z.number().nullable(),
      stages: z.array(
        z.object({
          stage: z.string(),
          name: z.string(),
          factor: z.number().nullable(),
          requiredPipeline: z.number().nullable(),
          presentPipeline: z.number(),
        }),
      ),
    }),
    sizeMix: z.object({
      classes: z.array(z.object({ size: z.enum(["rock", "stone", "pebble"]), count: z.number().int(), value: z.number(), share: Rate })),
      thresholds: z.array(
        z.object({
          teamId: z.string().nullable(),
          teamName: z.string().nullable(),
          rockFrom: z.number().nullable(),
          stoneFrom: z.number().nullable(),
          set: z.boolean(),
        }),
      ),
    }),
    movement: z.object({
      since: z.string(),
      start: Step,
      now: Step,
      steps: z.object({ new: Step, pulledIn: Step, pushedOut: Step, won: Step, lost: Step, disqualified: Step, amountChanges: Step }),
      movedForward: z.number().int(),
      movedBack: z.number().int(),
    }),
  })
  .meta({ id: "Metrics" });
export type MetricsResponse = z.infer<typeof MetricsResponse>;

export const SetTeamTargetRequest = z
  .object({ from: CalendarDate, to: CalendarDate, amount: z.number().min(0).max(1e12).nullable(), currency: Currency })
  .strict()
  .meta({ id: "SetTeamTarget" });

export const SetDealSizesRequest = z
  .object({ rockFrom: z.number().positive().max(1e12).nullable(), stoneFrom: z.number().positive().max(1e12).nullable() })
  .strict()
  .meta({ id: "SetDealSizes" });

/** The targets page's forms (app/dashboard/targets): the API's bodies, with the team they are for. */
export const TeamTargetForm = SetTeamTargetRequest.extend({ teamId: Id, amount: SetTeamTargetRequest.shape.amount.unwrap() });
export const TeamTargetKeyForm = SetTeamTargetRequest.omit({ amount: true }).extend({ teamId: Id });
export const TeamDealSizesForm = SetDealSizesRequest.extend({ teamId: Id });

export const TeamDashboardSettingsResponse = z
  .object({
    teamId: z.string(),
    rockFrom: z.number().nullable(),
    stoneFrom: z.number().nullable(),
    targets: z.array(z.object({ from: z.string(), to: z.string(), amount: z.number(), currency: z.string(), updatedAt: z.string() })),
  })
  .meta({ id: "TeamDashboardSettings" });
