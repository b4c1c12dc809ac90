// The re-engagement plays through the API (docs/rules/closing.md): starting either play on a lost
// deal, every action and refusal, who may do what, re-opening from a play, any re-open ending the
// active plays, and "My reminders".
import { beforeAll, describe, expect, test } from "vitest";
import * as play from "@/app/api/v1/opportunities/[id]/plays/[playId]/route";
import * as plays from "@/app/api/v1/opportunities/[id]/plays/route";
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import * as reminders from "@/app/api/v1/reminders/route";
import { addDays, toCalendarDate } from "@/src/domain/dates";
import { database, db } from "@/src/server/db";
import { createDeal, currentVersion, ensureDefaults, satisfyStages } from "../support/deals";
import { createOrg, createUser } from "../support/fixtures";
import { call } from "../support/http";

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

const today = () => toCalendarDate(new Date());
const LOST = { reasonCategory: "price", explanation: "Budget cut", competitor: "none", missingFunctionality: "none" };
const move = async (token: string, id: string, body: Record<string, unknown>) =>
  call(transitions.POST, { token, params: { id }, body: { version: await currentVersion(id), ...body } });

/** A deal of the rep's, walked to Propose and lost there. */
async function lostDeal(contact: string | null = "Ana Silva") {
  const deal = await createDeal(org.rep.token, { name: "Envoy rollout", accountName: "Envoy" });
  await satisfyStages(deal.id, ["identify", "qualify"], org.rep.id);
  expect((await move(org.rep.token, deal.id, { toStage: "propose" })).status).toBe(200);
  await db().opportunityContact.deleteMany({ where: { opportunityId: deal.id } });
  if (contact) await db().opportunityContact.create({ data: { opportunityId: deal.id, name: contact, role: "champion" } });
  expect((await move(org.rep.token, deal.id, { toStage: "closed_lost", lost: LOST })).status).toBe(200);
  return deal.id;
}

const get = (id: string, token = org.rep.token) => call(plays.GET, { token, params: { id } });
const start = (id: string, body: Record<string, unknown>, token = org.rep.token) => call(plays.POST, { token, params: { id }, body });
const act = (id: string, playId: string, body: Record<string, unknown>, token = org.rep.token) =>
  call(play.POST, { token, params: { id, playId }, body });
const raise = async (id: string, days = 10, token = org.rep.token) => {
  const res = await start(id, { kind: "raise_the_dead", remindOn: addDays(today(), days), note: "Budget returns in Q3" }, token);
  expect(res.status).toBe(200);
  return res.body.plays.find((p: any) => p.kind === "raise_the_dead" && p.status === "active");
};
const missed = async (id: string) => {
  const res = await start(id, { kind: "missed_connections" });
  expect(res.status).toBe(200);
  return res.body.plays.find((p: any) => p.kind === "missed_connections" && p.status === "active");
};
const historyOf = (id: string) => db().historyEntry.findMany({ where: { opportunityId: id }, orderBy: [{ at: "asc" }, { id: "asc" }] });

describe("starting a play", () => {
  test("Raise the Dead keeps its date and note, records play_scheduled and makes a new version", async () => {
    const id = await lostDeal();
    const before = await currentVersion(id);
    const p = await raise(id, 10);
    expect(p).toMatchObject({ kind: "raise_the_dead", status: "active", note: "Budget returns in Q3", due: 0, createdBy: { id: org.rep.id } });
    expect(p.touches).toHaveLength(1);
    expect(p.touches[0]).toMatchObject({ position: 1, dueOn: addDays(today(), 10), due: false, doneAt: null, remindedAt: null });
    expect(await currentVersion(id)).toBe(before + 1);
    const last = (await historyOf(id)).at(-1)!;
    expect(last).toMatchObject({ type: "play_scheduled", actorId: org.rep.id });
    expect(last.details).toMatchObject({ play: p.id, kind: "raise_the_dead", touches: [addDays(today(), 10)] });
  });

  test("Missed Connections plans the cadence's touches with suggested messages to the first contact", async () => {
    const id = await lostDeal("Ana Silva");
    const p = await missed(id);
    expect(p.touches.map((t: any) => t.dueOn)).toEqual([14, 30, 60].map((d) => addDays(today(), d)));
    expect(p.touches[0].message).toMatch(/^Hi Ana Silva, .*Envoy/);
    expect(p.touches[2].message).toMatch(/last note/);
  });

  test("follows the admin's cadence, and greets nobody by name without a contact", async () => {
    await database()
      .sql.insertInto("AppSetting")
      .values({ key: "closing.missedConnectionsCadence", value: JSON.stringify([7, 21]), updatedAt: new Date() })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify([7, 21]) }))
      .execute();
    try {
      const id = await lostDeal(null);
      const p = await missed(id);
      expect(p.touches.map((t: any) => t.dueOn)).toEqual([addDays(today(), 7), addDays(today(), 21)]);
      expect(p.touches[0].message).toMatch(/^Hi, /);
    } finally {
      await database().sql.deleteFrom("AppSetting").where("key", "=", "closing.missedConnectionsCadence").execute();
    }
  });

  test("a date today, in the past or beyond two years is refused with the field", async () => {
    const id = await lostDeal();
    for (const remindOn of [today(), addDays(today(), -3), addDays(today(), 731)]) {
      const res = await start(id, { kind: "raise_the_dead", remindOn });
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields[0].field).toBe("remindOn");
    }
    const missing = await start(id, { kind: "raise_the_dead" });
    expect(missing.status).toBe(400);
    expect((await get(id)).body.plays).toEqual([]);
  });

  test("a second active play of a kind is a conflict; the other kind and a new one after the first ended are fine", async () => {
    const id = await lostDeal();
    const first = await raise(id);
    const again = await start(id, { kind: "raise_the_dead", remindOn: addDays(today(), 20) });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "CONFLICT", details: { kind: "raise_the_dead", play: first.id } });
    await missed(id);
    expect((await act(id, first.id, { action: "close" })).status).toBe(200);
    await raise(id, 30);
    expect((await get(id)).body.plays.map((p: any) => [p.kind, p.status])).toEqual([
      ["raise_the_dead", "active"],
      ["missed_connections", "active"],
      ["raise_the_dead", "ended"],
    ]);
  });

  test("two starts at once make one play and one conflict", async () => {
    const id = await lostDeal();
    const body = { kind: "raise_the_dead", remindOn: addDays(today(), 12) };
    const answers = await Promise.all([start(id, body), start(id, body, org.manager.token)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await db().reengagementPlay.count({ where: { opportunityId: id } })).toBe(1);
  });

  test("the unique index holds one active play per kind even written past the check", async () => {
    const id = await lostDeal();
    await raise(id);
    await expect(
      database()
        .sql.insertInto("ReengagementPlay")
        .values({ id: crypto.randomUUID(), opportunityId: id, kind: "raise_the_dead", createdById: org.rep.id, updatedAt: new Date() })
        .execute(),
    ).rejects.toThrow();
  });

  test("only on a lost deal", async () => {
    const open = await createDeal(org.rep.token);
    const res = await start(open.id, { kind: "missed_connections" });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual({ status: "open" });
  });

  test("an unknown kind or field is refused", async () => {
    const id = await lostDeal();
    expect((await start(id, { kind: "haunt" })).status).toBe(400);
    expect((await start(id, { kind: "missed_connections", remindOn: addDays(today(), 3) })).status).toBe(400);
  });
});

describe("who may", () => {
  test("the owner and their manager start and work plays; a teammate, an outsider and the deal desk do not see them; an admin reads only", async () => {
    const id = await lostDeal();
    const body = { kind: "raise_the_dead", remindOn: addDays(today(), 5) };
    expect((await start(id, body, org.teammate.token)).status).toBe(404);
    expect((await start(id, body, org.outsider.token)).status).toBe(404);
    expect((await start(id, body, org.finance.token)).status).toBe(404);
    expect((await get(id, org.outsider.token)).status).toBe(404);
    expect((await get(id, org.finance.token)).status).toBe(404);
    const admin = await start(id, body, org.admin.token);
    expect(admin.status).toBe(403);
    const read = await get(id, org.admin.token);
    expect(read.status).toBe(200);
    expect(read.body.mayChange).toBe(false);
    const p = await raise(id, 5, org.manager.token);
    expect(p.createdBy.id).toBe(org.manager.id);
    expect((await get(id)).body.mayChange).toBe(true);
    expect((await act(id, p.id, { action: "close" }, org.admin.token)).status).toBe(403);
    expect((await act(id, p.id, { action: "close" }, org.outsider.token)).status).toBe(404);
    expect((await act(id, p.id, { action: "snooze", remindOn: addDays(today(), 9) }, org.manager.token)).status).toBe(200);
  });
});

describe("Raise the Dead", () => {
  test("snooze moves its touch to a later date and clears its reminder", async () => {
    const id = await lostDeal();
    const p = await raise(id, 10);
    await database().sql.updateTable("PlayTouch").set({ remindedAt: new Date() }).where("playId", "=", p.id).execute();
    const res = await act(id, p.id, { action: "snooze", remindOn: addDays(today(), 40) });
    expect(res.status).toBe(200);
    const after = res.body.plays[0];
    expect(after.touches[0]).toMatchObject({ dueOn: addDays(today(), 40), remindedAt: null });
    const last = (await historyOf(id)).at(-1)!;
    expect(last).toMatchObject({ type: "play_updated" });
    expect(last.details).toMatchObject({ action: "snooze", from: addDays(today(), 10), to: addDays(today(), 40) });
  });

  test("snooze refuses a date not after the one set, or not after today", async () => {
    const id = await lostDeal();
    const p = await raise(id, 10);
    for (const remindOn of [addDays(today(), 10), addDays(today(), 4), today()]) {
      const res = await act(id, p.id, { action: "snooze", remindOn });
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields[0].field).toBe("remindOn");
    }
  });

  test("touch_done and buyer_answered are Missed Connections' actions", async () => {
    const id = await lostDeal();
    const p = await raise(id);
    for (const action of ["touch_done", "buyer_answered"]) {
      const res = await act(id, p.id, { action });
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields[0].field).toBe("action");
    }
  });

  test("re-open from the play lands in Qualify, ends the play as reopened and keeps the loss in the history", async () => {
    const id = await lostDeal();
    const p = await raise(id);
    const other = await missed(id);
    const res = await act(id, p.id, { action: "reopen", toStage: "qualify", reason: "New budget approved" });
    expect(res.status).toBe(200);
    expect(res.body.dealStatus).toBe("open");
    expect(res.body.mayChange).toBe(false);
    expect(res.body.plays.map((x: any) => [x.id, x.status, x.endedAs])).toEqual(
      expect.arrayContaining([
        [p.id, "ended", "reopened"],
        [other.id, "ended", "reopened"],
      ]),
    );
    const deal = await db().opportunity.findUniqueOrThrow({ where: { id } });
    expect(deal).toMatchObject({ status: "open", stageKey: "qualify", closedAt: null, lostReasonCategory: "price" });
    const entries = await historyOf(id);
    const types = entries.map((e) => e.type);
    expect(types.indexOf("stage_changed")).toBeGreaterThanOrEqual(0);
    const lost = entries.find((e) => e.type === "stage_changed" && e.toStage === "closed_lost");
    expect(lost?.details).toMatchObject({ kind: "lost", lost: LOST });
    const reopened = entries.find((e) => e.type === "reopened")!;
    expect(reopened).toMatchObject({ fromStage: "closed_lost", toStage: "qualify" });
    expect(reopened.details).toMatchObject({ reason: "New budget approved" });
    expect(entries.filter((e) => e.type === "play_updated").map((e) => (e.details as any).endedAs)).toEqual(["reopened", "reopened"]);
  });

  test("re-open refuses the first stage, a closed stage and a missing reason, and changes nothing", async () => {
    const id = await lostDeal();
    const p = await raise(id);
    const version = await currentVersion(id);
    expect((await act(id, p.id, { action: "reopen", toStage: "identify", reason: "Back" })).status).toBe(422);
    expect((await act(id, p.id, { action: "reopen", toStage: "closed_won", reason: "Back" })).status).toBe(422);
    expect((await act(id, p.id, { action: "reopen", toStage: "qualify" })).status).toBe(400);
    expect((await act(id, p.id, { action: "reopen", toStage: "qualify", reason: "Back" }, org.admin.token)).status).toBe(403);
    expect(await currentVersion(id)).toBe(version);
    expect((await get(id)).body.plays[0].status).toBe("active");
  });

  test("re-open is not a Missed Connections action", async () => {
    const id = await lostDeal();
    const p = await missed(id);
    const res = await act(id, p.id, { action: "reopen", toStage: "qualify", reason: "Back" });
    expect(res.status).toBe(400);
    expect((await db().opportunity.findUniqueOrThrow({ where: { id } })).status).toBe("lost");
  });
});

describe("Missed Connections", () => {
  test("each touch is recorded in turn; the play ends after the last", async () => {
    const id = await lostDeal();
    const p = await missed(id);
    for (const n of [1, 2]) {
      const res = await act(id, p.id, { action: "touch_done" });
      expect(res.status).toBe(200);
      const now = res.body.plays.find((x: any) => x.id === p.id);
      expect(now.status).toBe("active");
      expect(now.touches.filter((t: any) => t.doneAt).map((t: any) => t.position)).toEqual(n === 1 ? [1] : [1, 2]);
      expect(now.nextTouch.position).toBe(n + 1);
    }
    const last = await act(id, p.id, { action: "touch_done" });
    expect(last.body.plays[0]).toMatchObject({ status: "ended", endedAs: "last_touch", nextTouch: null });
    const after = await act(id, p.id, { action: "touch_done" });
    expect(after.status).toBe(409);
    expect(after.body.error.details).toMatchObject({ status: "ended", endedAs: "last_touch" });
    const entries = (await historyOf(id)).filter((e) => e.type === "play_updated").map((e) => e.details as any);
    expect(entries.map((d) => [d.action, d.touch, d.endedAs])).toEqual([
      ["touch_done", 1, undefined],
      ["touch_done", 2, undefined],
      ["touch_done", 3, "last_touch"],
    ]);
  });

  test("the buyer answered ends it; snooze is Raise the Dead's", async () => {
    const id = await lostDeal();
    const p = await missed(id);
    expect((await act(id, p.id, { action: "snooze", remindOn: addDays(today(), 90) })).status).toBe(400);
    const res = await act(id, p.id, { action: "buyer_answered", note: "Ana replied: revisit in spring" });
    expect(res.body.plays[0]).toMatchObject({ status: "ended", endedAs: "buyer_answered" });
    expect((await historyOf(id)).at(-1)?.details).toMatchObject({ action: "buyer_answered", note: "Ana replied: revisit in spring" });
  });

  test("close ends either play; an ended play takes no action", async () => {
    const id = await lostDeal();
    const p = await missed(id);
    expect((await act(id, p.id, { action: "close" })).body.plays[0]).toMatchObject({ status: "ended", endedAs: "closed" });
    expect((await act(id, p.id, { action: "close" })).status).toBe(409);
  });

  test("an unknown play, a play of another deal, an unknown action: 404 and 400", async () => {
    const id = await lostDeal();
    const other = await lostDeal();
    const p = await missed(other);
    expect((await act(id, "nope", { action: "close" })).status).toBe(404);
    expect((await act(id, p.id, { action: "close" })).status).toBe(404);
    expect((await act(other, p.id, { action: "wave" })).status).toBe(400);
  });
});

test("any re-open of the deal, not from a play, ends its active plays as reopened", async () => {
  const id = await lostDeal();
  const p = await missed(id);
  const res = await move(org.rep.token, id, { toStage: "propose", reason: "They called back" });
  expect(res.status).toBe(200);
  const after = (await get(id)).body;
  expect(after.plays[0]).toMatchObject({ id: p.id, status: "ended", endedAs: "reopened" });
  const entries = await historyOf(id);
  expect(entries.at(-1)).toMatchObject({ type: "play_updated", actorId: org.rep.id });
  expect(entries.at(-2)).toMatchObject({ type: "reopened" });
  // Lost again, a new play may start.
  expect((await move(org.rep.token, id, { toStage: "closed_lost", lost: LOST })).status).toBe(200);
  await missed(id);
});

describe("My reminders", () => {
  test("the caller's own deals: due touches first, then upcoming ones; nothing of ended plays", async () => {
    const cast = { ...org, rep: await createUser({ role: "rep", teamId: org.team.id }) };
    const mine = await createDeal(cast.rep.token, { name: "Mine", accountName: "Mine Co" });
    await satisfyStages(mine.id, ["identify", "qualify"], cast.rep.id);
    await move(cast.rep.token, mine.id, { toStage: "propose" });
    await move(cast.rep.token, mine.id, { toStage: "closed_lost", lost: LOST });
    const r = await start(mine.id, { kind: "raise_the_dead", remindOn: addDays(today(), 3) }, cast.rep.token);
    const playId = r.body.plays[0].id;
    // Due: its date moved into the past behind the API's back (the API never sets a past date).
    await database()
      .sql.updateTable("PlayTouch")
      .set({ dueOn: new Date(`${addDays(today(), -1)}T12:00:00Z`) })
      .where("playId", "=", playId)
      .execute();
    await start(mine.id, { kind: "missed_connections" }, cast.rep.token);

    const res = await call(reminders.GET, { token: cast.rep.token });
    expect(res.status).toBe(200);
    expect(res.body.due.map((x: any) => [x.play.kind, x.touch.due, x.deal.name])).toEqual([["raise_the_dead", true, "Mine"]]);
    expect(res.body.upcoming.map((x: any) => [x.play.kind, x.touch.position, x.of])).toEqual([
      ["missed_connections", 1, 3],
      ["missed_connections", 2, 3],
      ["missed_connections", 3, 3],
    ]);
    // The manager's own list holds only the manager's own deals, not their team's.
    expect((await call(reminders.GET, { token: cast.manager.token })).body).toEqual({ due: [], upcoming: [] });
    expect((await call(reminders.GET, { token: cast.admin.token })).body).toEqual({ due: [], upcoming: [] });

    await act(mine.id, playId, { action: "close" }, cast.rep.token);
    expect((await call(reminders.GET, { token: cast.rep.token })).body.due).toEqual([]);
  });

  test("needs a signed-in caller", async () => {
    expect((await call(reminders.GET, {})).status).toBe(401);
  });
});
