// The dashboard's figures for an actor, a period and a scope: the page and GET /api/v1/metrics both
// answer from here (docs/rules/dashboard.md).
import type { Actor } from "../../auth/actor";
import { fromCalendarDate, toCalendarDate } from "../../domain/dates";
import type { Period } from "../../domain/metrics/period";
import { database } from "../db";
import { conversions, lossAnalysis, pipelineFigures, slippageByRep } from "./compute-metrics";
import { type MetricsFilter, resolveMetricsScope } from "./metrics-scope";
import { pipelineMovement } from "./movement";
import { pipelineValueFactor, targetFor } from "./pipeline-factor";

export type MetricsRequest = MetricsFilter &
  Period & {
    currency?: string;
    /** The movement's starting point: the period's first day, 00:00 UTC, when not given. */
    since?: string;
  };

export async function getMetrics(actor: Actor, request: MetricsRequest, now = new Date()) {
  const q = database().sql;
  // One statement before the figures: the scope's checks, its process and stages, its main currency.
  const period = { from: request.from, to: request.to };
  const { mainCurrency, ...scope } = await resolveMetricsScope(q, actor, period, request, { withMainCurrency: !request.currency });
  const currency = request.currency ?? mainCurrency ?? "USD";
  const today = toCalendarDate(now);
  const since = fromCalendarDate(request.since ?? scope.period.from);
  // Every statement at once: on a server they run side by side on the pool.
  const [{ winRates, velocity, byStage, forecast: forecasted, integrity, sizeMix: mix }, conversion, losses, slippage, movement, target] =
    await Promise.all([
      // Win rates, velocity, balance, forecast, data integrity and size mix in one pass over the open deals and the period's closed ones.
      pipelineFigures(q, scope, currency, today),
      // The period's conversion and the value factor's (over closed history) in one pass.
      conversions(q, scope, currency, ["period", "history"]),
      lossAnalysis(q, scope, currency),
      slippageByRep(q, scope),
      pipelineMovement(q, scope, since, currency),
      targetFor(q, scope, currency),
    ]);
  const valueFactor = pipelineValueFactor({ history: conversion.history, target }, winRates.wonValue, byStage);
  return {
    period: scope.period,
    currency,
    scope: { teamIds: scope.teamIds, ownerId: scope.ownerId, processKey: scope.process.key },
    unitWinRate: winRates.unitWinRate,
    valueWinRate: winRates.valueWinRate,
    unitWinRateWithOpen: winRates.unitWinRateWithOpen,
    valueWinRateWithOpen: winRates.valueWinRateWithOpen,
    winRateCounts: {
      won: winRates.won,
      lost: winRates.lost,
      openDue: winRates.openDue,
      wonValue: winRates.wonValue,
      lostValue: winRates.lostValue,
      openDueValue: winRates.openDueValue,
    },
    conversionByStage: conversion.period,
    salesVelocityPerDay: velocity.perDay,
    velocity: {
      qualifiedDeals: velocity.qualifiedDeals,
      averageWonValue: velocity.averageWonValue,
      winRate: velocity.winRate,
      averageCycleDays: velocity.averageCycleDays,
    },
    byStage,
    forecastByCategory: forecasted.byCategory,
    weightedPipeline: forecasted.weightedPipeline,
    dataIntegrity: integrity,
    lossAnalysis: losses,
    slippage,
    pipelineValueFactor: valueFactor,
    sizeMix: mix,
    movement,
  };
}
export type Metrics = Awaited<ReturnType<typeof getMetrics>>;
