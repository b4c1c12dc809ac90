// A big pipeline for the board benchmark: open deals added to the demo data's Enterprise team (the
// demo manager's), spread over the open stages like a funnel, with the contacts and attestations
// the cards' criteria read. Written with a few batched inserts; drawn from a fixed seed.
import type { PrismaClient } from "@/src/generated/prisma/client";
import { getActiveProcessVersion } from "@/src/server/process/get-process-version";
import { database } from "@/src/server/db";

const DAY = 86_400_000;
const SHARES = [0.32, 0.26, 0.2, 0.14, 0.08]; // of the open stages, in order

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Adds open deals until the demo manager's team has `total` open deals. */
export async function seedOpenDeals(db: PrismaClient, total: number, now = new Date()): Promise<number> {
  const process = await getActiveProcessVersion(database().sql);
  const open = process.stages.filter((s) => s.kind === "open");
  const team = await db.team.findUniqueOrThrow({ where: { name: "Enterprise" }, include: { members: true } });
  const owners = team.members.filter((u) => u.role === "rep" || u.role === "manager");
  const existing = await db.opportunity.count({ where: { status: "open", owner: { teamId: team.id } } });
  const count = Math.max(0, total - existing);
  const draw = random(20261123);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(draw() * xs.length)]!;
  const day = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset));

  const rows = Array.from({ length: count }, (_, i) => {
    // The stage whose cumulative share first passes a uniform draw.
    const r = draw();
    let sum = 0;
    const stageIndex = SHARES.findIndex((share) => {
      sum += share;
      return r < sum;
    });
    const stage = open[stageIndex < 0 ? open.length - 1 : stageIndex]!;
    const closeDate = day(Math.floor(draw() * 180) - 20);
    return {
      name: `${pick(["Platform rollout", "Seat expansion", "EMEA rollout", "Forecasting suite", "Deal desk add-on"])} ${i + 1}`,
      accountName: `${pick(["Northwind", "Contoso", "Fabrikam", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Acme", "Hooli"])} ${pick(["Labs", "Group", "Retail", "Health", "Energy", "Foods", "Bank"])} ${i + 1}`,
      amountCents: BigInt(Math.round(5_000 + draw() * draw() * 495_000) * 100),
      currency: "USD",
      closeDate,
      originalCloseDate: closeDate,
      type: "new" as const,
      ownerId: pick(owners).id,
      processVersionId: process.id,
      stageKey: stage.key,
      stageEnteredAt: new Date(now.getTime() - Math.floor(draw() * 60) * DAY),
      nextStep: "Follow up with the buying group",
      nextStepDue: day(Math.floor(draw() * 40) - 8),
      buyingProcess: draw() < 0.7 ? "CFO signs after a procurement review" : "",
      createdAt: new Date(now.getTime() - 90 * DAY),
    };
  });
  for (let i = 0; i < rows.length; i += 500) {
    const created = await db.opportunity.createManyAndReturn({ data: rows.slice(i, i + 500), select: { id: true, ownerId: true } });
    await db.opportunityContact.createMany({
      data: created.flatMap((o) => [
        { opportunityId: o.id, name: "Dana Buyer", role: "decision_maker" as const },
        ...(draw() < 0.5 ? [{ opportunityId: o.id, name: "Chris Champion", role: "champion" as const }] : []),
      ]),
    });
    await db.criterionAttestation.createMany({
      data: created
        .filter(() => draw() < 0.6)
        .map((o) => ({ opportunityId: o.id, stageKey: open[0]!.key, criterionKey: open[0]!.exitCriteria[0]!.key, attestedById: o.ownerId })),
      skipDuplicates: true,
    });
  }
  return existing + count;
}
