// What the dashboard and its deals list both read first, before anything streams (so a refusal is a
// 403 status): the filters from the URL, the period, the filters' choices, and a rep who is not of the
// chosen team dropped (the team was changed). A team, or a rep, out of the actor's scope is the 403 page.
import { forbidden } from "next/navigation";
import type { Actor } from "@/src/auth/actor";
import { AppError } from "@/src/errors";
import { dashboardOptions, mayViewOwnerFigures } from "@/src/server/metrics/dashboard-options";
import { periodOf, readFilters, type SearchParams } from "./dashboard-query";

export async function loadScope(actor: Actor, params: SearchParams, now: Date) {
  const filters = readFilters(params);
  const { period, problem } = periodOf(filters, now);
  const options = await dashboardOptions(actor, filters.teamId).catch(rethrow);
  if (filters.teamId && !options.teams.some((t) => t.id === filters.teamId)) forbidden();
  if (filters.ownerId && !options.people.some((p) => p.id === filters.ownerId)) {
    if (!(await mayViewOwnerFigures(actor, filters.ownerId))) forbidden();
    filters.ownerId = undefined;
  }
  if (filters.processKey && !options.processes.some((p) => p.key === filters.processKey)) filters.processKey = undefined;
  return { filters, period, problem, options };
}

/** A refusal from the server functions is the 403 page; anything else goes to the error boundary. */
export function rethrow(error: unknown): never {
  if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
  throw error;
}
