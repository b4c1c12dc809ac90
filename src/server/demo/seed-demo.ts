// Loads the demo data into an empty database: prepare-database.ts calls it only when there is no
// user yet, after the default process is published. The plan is computed first (plan-demo-data.ts);
// this file only writes it, in one transaction of a few batched inserts, so a failed load leaves
// the database empty and the next start tries again.
import { hashPassword } from "../../auth/password";
import type { Database, Reader } from "../db";
import { getActiveProcessVersion } from "../process/get-process-version";
import { addDays } from "./demo-dates";
import type { DemoPlan, PlannedDeal } from "./demo-plan";
import { DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERS } from "./demo-users";
import { planDemoData } from "./plan-demo-data";
import { DEMO_SEED, seededRandom, type Random } from "./seeded-random";

type Ids = (email: string) => string;

async function createPeople(tx: Reader, passwordHash: string, now: Date): Promise<Ids> {
  const users = await tx.user.createManyAndReturn({
    data: DEMO_USERS.map((u) => ({
      email: u.email, name: u.name, role: u.role, groups: [...(u.groups ?? [])], passwordHash,
      createdAt: addDays(now, -400), // before the oldest demo deal
    })),
    select: { id: true, email: true },
  });
  for (const team of DEMO_TEAMS)
    await tx.team.create({
      data: {
        name: team.name,
        targetCents: team.targetCents,
        manager: { connect: { email: team.managerEmail } },
        members: { connect: DEMO_USERS.filter((u) => u.team === team.name).map((u) => ({ email: u.email })) },
      },
    });
  const ids = new Map(users.map((u) => [u.email, u.id]));
  return (email) => {
    const userId = ids.get(email);
    if (!userId) throw new Error(`The demo plan names ${email}, who is not a demo user.`);
    return userId;
  };
}

const opportunityRow = (deal: PlannedDeal, processVersionId: string, id: Ids) => ({
  name: deal.name, accountName: deal.accountName, amountCents: deal.amountCents, currency: "USD",
  type: deal.type, years: deal.years, users: deal.users, ownerId: id(deal.ownerEmail), processVersionId,
  stageKey: deal.stageKey, stageEnteredAt: deal.stageEnteredAt, status: deal.status, version: deal.version,
  closeDate: deal.closeDate, originalCloseDate: deal.originalCloseDate,
  closeDatePushes: deal.closeDatePushes, closeDateSlipDays: deal.closeDateSlipDays,
  nextStep: deal.nextStep, nextStepDue: deal.nextStepDue,
  discountPercent: deal.discountPercent, paymentTermsDays: deal.paymentTermsDays, termMonths: deal.termMonths,
  nonStandardTerms: deal.nonStandardTerms, buyingProcess: deal.buyingProcess, decisionCriteria: deal.decisionCriteria,
  whyWon: deal.whyWon, lostReasonCategory: deal.lost?.reasonCategory ?? null, lostExplanation: deal.lost?.explanation ?? null,
  lostCompetitor: deal.lost?.competitor ?? null, lostMissingFunctionality: deal.lost?.missingFunctionality ?? null,
  disqualifiedReason: deal.disqualifiedReason, closedAt: deal.closedAt, overriddenAt: deal.overriddenAt,
  createdAt: deal.createdAt, updatedAt: deal.history[deal.history.length - 1]!.at,
});

async function createDeals(tx: Reader, plan: DemoPlan, processVersionId: string, id: Ids): Promise<void> {
  const created = await tx.opportunity.createManyAndReturn({
    data: plan.deals.map((deal) => opportunityRow(deal, processVersionId, id)),
    select: { id: true, name: true },
  });
  const opportunityIds = new Map(created.map((o) => [o.name, o.id]));
  const each = <T>(rows: (deal: PlannedDeal, opportunityId: string, ownerId: string) => T[]) =>
    plan.deals.flatMap((deal) => rows(deal, opportunityIds.get(deal.name)!, id(deal.ownerEmail)));

  await tx.opportunityContact.createMany({
    data: each((deal, opportunityId) =>
      deal.contacts.map((c) => ({ opportunityId, name: c.name, email: c.email, title: c.title, role: c.role, createdAt: c.addedAt })),
    ),
  });
  await tx.criterionAttestation.createMany({
    data: each((deal, opportunityId, attestedById) => deal.attestations.map((a) => ({ opportunityId, attestedById, ...a }))),
  });
  await tx.closeDateChange.createMany({
    data: each((deal, opportunityId, changedById) => deal.closeDateChanges.map((c) => ({ opportunityId, changedById, ...c }))),
  });
  await tx.closePlanStep.createMany({
    data: each((deal, opportunityId, ownerId) =>
      deal.planSteps.map((step, position) => ({
        opportunityId, position, title: step.title, dueDate: step.dueDate, doneAt: step.doneAt, createdAt: step.createdAt,
        ownerUserId: step.ownerName ? null : ownerId, ownerName: step.ownerName ?? "",
      })),
    ),
  });
  // One insert in time order, so entry ids are chronological too (the history is read by id).
  const history = each((deal, opportunityId) =>
    deal.history.map(({ actorEmail, ...entry }) => ({ opportunityId, actorId: id(actorEmail), ...entry })),
  ).sort((a, b) => a.at.getTime() - b.at.getTime());
  await tx.historyEntry.createMany({ data: history });
}

export async function seedDemoData({ prisma, sql }: Pick<Database, "prisma" | "sql">, options: { now: Date; random?: Random }): Promise<void> {
  const process = await getActiveProcessVersion(sql);
  const plan = planDemoData(process, options.now, options.random ?? seededRandom(DEMO_SEED));
  // scrypt is deliberately slow: hash once, outside the transaction, and share it between demo users.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await prisma.$transaction(async (tx) => {
    const id = await createPeople(tx, passwordHash, options.now);
    await createDeals(tx, plan, process.id, id);
  });
}
