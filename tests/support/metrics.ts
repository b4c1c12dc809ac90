// The dashboard's tests: two managed teams with their people, and deals written straight to the
// database with the history of the stages they entered.
import type { Actor } from "@/src/auth/actor";
import { db } from "@/src/server/db";
import { actorOf, type DealSpec, insertDeal } from "./board";
import { createTeam, createUser, type TestUser } from "./fixtures";

/** The stages a deal won through the default process enters, in order. */
export const WON_PATH = ["identify", "qualify", "propose", "negotiate", "finalize", "closed_won"];

/** A deal of `owner`: open in Qualify, 10,000, due 2026-12-20 unless `spec` says otherwise; `history` the stages it entered. */
export async function insertMetricsDeal(
  owner: TestUser,
  spec: Partial<DealSpec> & { name: string },
  extra: { createdAt?: Date; history?: readonly string[] } = {},
): Promise<string> {
  const id = await insertDeal(owner.id, { amount: 10_000, closeDate: "2026-12-20", stage: "qualify", nextStep: "Call", ...spec });
  if (extra.createdAt) await db().opportunity.update({ where: { id }, data: { createdAt: extra.createdAt } });
  // Created in the first stage, moved into the others.
  for (const [i, stage] of (extra.history ?? []).entries())
    await db().historyEntry.create({
      data: { opportunityId: id, type: i === 0 ? "created" : "stage_changed", toStage: stage, at: new Date(2026, 6, 1 + i) },
    });
  return id;
}

export type MetricsOrg = {
  teamId: string;
  otherTeamId: string;
  manager: Actor;
  otherManager: Actor;
  admin: Actor;
  rep: TestUser;
  rep2: TestUser;
  outsider: TestUser;
};

/** Team `names[0]` (its manager, reps Rae Rep and Ray Two) and team `names[1]` (its manager, one rep), and an admin. */
export async function createMetricsOrg(names: [string, string]): Promise<MetricsOrg> {
  const team = await createTeam(names[0]);
  const other = await createTeam(names[1]);
  const m = await createUser({ role: "manager", teamId: team.id });
  await db().team.update({ where: { id: team.id }, data: { managerId: m.id } });
  const m2 = await createUser({ role: "manager", teamId: other.id });
  await db().team.update({ where: { id: other.id }, data: { managerId: m2.id } });
  return {
    teamId: team.id,
    otherTeamId: other.id,
    rep: await createUser({ role: "rep", teamId: team.id, name: "Rae Rep" }),
    rep2: await createUser({ role: "rep", teamId: team.id, name: "Ray Two" }),
    outsider: await createUser({ role: "rep", teamId: other.id }),
    manager: await actorOf(m),
    otherManager: await actorOf(m2),
    admin: await actorOf(await createUser({ role: "admin" })),
  };
}
