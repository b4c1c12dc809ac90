// The deal page's "Closing checklist" card (src/server/opportunity-page/get-closing-card.ts): none for
// a deal not won; for a won one the checklist, the header badge's count as every list computes it,
// who may work it, the people the hand-off may go to and the agenda it starts from.
import { beforeAll, describe, expect, test } from "vitest";
import { AppError } from "@/src/errors";
import { db } from "@/src/server/db";
import { getClosingCard } from "@/src/server/opportunity-page/get-closing-card";
import { actorOf } from "../../support/board";
import { createDeal, ensureDefaults } from "../../support/deals";
import { createOrg, createUser } from "../../support/fixtures";
import { wonDeal } from "../../support/closing";

let org: Awaited<ReturnType<typeof createOrg>>;
let gone: Awaited<ReturnType<typeof createUser>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  gone = await createUser({ role: "rep", teamId: org.team.id, name: "Gone Rep", active: false });
  process.env.SLACK_WEBHOOK_URL = "http://127.0.0.1:9/hook";
  process.env.SMTP_URL = "smtp://127.0.0.1:9";
  process.env.MAIL_FROM = "Stageline <stageline@example.test>";
});

const factsOf = async (id: string) => {
  const row = await db().opportunity.findUniqueOrThrow({ where: { id } });
  return { id, status: row.status, name: row.name, accountName: row.accountName, ownerId: row.ownerId };
};

const won = () => wonDeal(org.rep, { name: "Atlas rollout", accountName: "Envoy" }, { customerContact: false });

describe("the closing card", () => {
  test("an open deal has none", async () => {
    const deal = await createDeal(org.rep.token);
    expect(await getClosingCard(await actorOf(org.rep), await factsOf(deal.id))).toBeNull();
  });

  test("a won deal shows its checklist, the open count as the badge computes it, and the hand-off's starting points", async () => {
    const id = await won();
    const card = (await getClosingCard(await actorOf(org.rep), await factsOf(id)))!;
    expect(card.checklist.items.map((i) => i.kind)).toEqual(["signed_contract", "why_won", "slack_post", "welcome_email", "handoff_meeting"]);
    expect(card.openItems).toBe(3);
    expect(card.openItems).toBe(card.checklist.open);
    expect(card.canAct).toBe(true);
    expect(card.defaultAgenda).toContain("Envoy");
    expect(card.durations).toContain(30);
    const ids = card.csmOptions.map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([org.rep.id, org.teammate.id, org.manager.id]));
    expect(ids).not.toContain(gone.id);
  });

  test("a delivered message closes its item in the count", async () => {
    const id = await won();
    await db().postCloseItem.updateMany({ where: { opportunityId: id, kind: "handoff_meeting" }, data: { doneAt: new Date(), doneNote: "Met" } });
    const item = await db().postCloseItem.findFirstOrThrow({ where: { opportunityId: id, kind: "slack_post" } });
    await db().outboxMessage.create({
      data: {
        opportunityId: id,
        checklistItemId: item.id,
        channel: "slack",
        payload: { text: "won" },
        idempotencyKey: `test:${item.id}`,
        status: "delivered",
        deliveredAt: new Date(),
      },
    });
    const card = (await getClosingCard(await actorOf(org.rep), await factsOf(id)))!;
    expect(card.openItems).toBe(1);
    expect(card.checklist.items.find((i) => i.kind === "slack_post")?.state).toBe("done");
  });

  test.each([
    ["the owner's manager", "manager", true],
    ["an admin, who reads it", "admin", false],
  ] as const)("%s: may work it %s", async (_who, role, canAct) => {
    const id = await won();
    expect((await getClosingCard(await actorOf(org[role]), await factsOf(id)))!.canAct).toBe(canAct);
  });

  test("a deal out of the actor's sight is not found", async () => {
    const id = await won();
    await expect(getClosingCard(await actorOf(org.outsider), await factsOf(id))).rejects.toThrow(AppError);
  });
});
