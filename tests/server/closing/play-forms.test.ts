// The plays' forms on the pages (the deal page's Re-engagement card, My reminders): each server
// action answers as the API does (field problems by name, 403, 404, 409) and, after a write or a
// conflict, re-renders the calling page and revalidates the reminders.
import { beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { actOnPlayFromPage, startPlayFromPage } from "@/app/opportunities/_actions/play-actions";
import { addDays, toCalendarDate } from "@/src/domain/dates";
import type { ActionError } from "@/src/http/action-result";
import { db } from "@/src/server/db";
import { signInAs, signOut, nextCache as cache } from "../../support/action-session";
import { insertDeal } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createOrg } from "../../support/fixtures";

vi.mock("next/headers", async () => (await import("../../support/action-session")).nextHeaders);
vi.mock("next/cache", async () => (await import("../../support/action-session")).nextCache);

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});
beforeEach(() => {
  cache.refresh.mockClear();
  cache.revalidatePath.mockClear();
});

const inDays = (n: number) => addDays(toCalendarDate(new Date()), n);
const fields = (error: ActionError) => ((error.details as { fields?: { field: string }[] } | undefined)?.fields ?? []).map((f) => f.field);
const lostDeal = () =>
  insertDeal(org.rep.id, { name: "Envoy", amount: 5000, closeDate: inDays(-20), stage: "closed_lost", status: "lost", closedAt: new Date() });
const rerendered = () => cache.refresh.mock.calls.length > 0 && cache.revalidatePath.mock.calls.some((c) => c[0] === "/reminders");

describe("starting a play from the card", () => {
  test("the owner starts Raise the Dead: the plays come back and the page re-renders", async () => {
    const id = await lostDeal();
    await signInAs(org.rep);
    const result = await startPlayFromPage({ id, play: { kind: "raise_the_dead", remindOn: inDays(7), note: "Q3" } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.plays[0]).toMatchObject({ kind: "raise_the_dead", note: "Q3", nextTouch: { dueOn: inDays(7) } });
    expect(rerendered()).toBe(true);
  });

  test("a date left empty or in the past is named by its field, nothing written, no re-render", async () => {
    const id = await lostDeal();
    await signInAs(org.rep);
    const empty = await startPlayFromPage({ id, play: { kind: "raise_the_dead", remindOn: "", note: "" } });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(fields(empty.error)).toEqual(["play.remindOn"]);
    const past = await startPlayFromPage({ id, play: { kind: "raise_the_dead", remindOn: inDays(-1) } });
    expect(past.ok).toBe(false);
    if (!past.ok) expect(fields(past.error)).toEqual(["remindOn"]);
    expect(await db().reengagementPlay.count({ where: { opportunityId: id } })).toBe(0);
    expect(cache.refresh).not.toHaveBeenCalled();
  });

  test("a second Missed Connections is a conflict, and the page re-renders to show the one there is", async () => {
    const id = await lostDeal();
    await signInAs(org.manager);
    expect((await startPlayFromPage({ id, play: { kind: "missed_connections" } })).ok).toBe(true);
    cache.refresh.mockClear();
    const again = await startPlayFromPage({ id, play: { kind: "missed_connections" } });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe("CONFLICT");
    expect(cache.refresh).toHaveBeenCalled();
  });

  test("an admin may not, an outsider does not see the deal, and a signed-out caller is told to sign in", async () => {
    const id = await lostDeal();
    await signInAs(org.admin);
    const admin = await startPlayFromPage({ id, play: { kind: "missed_connections" } });
    expect(!admin.ok && admin.error.code).toBe("FORBIDDEN");
    await signInAs(org.outsider);
    const outsider = await startPlayFromPage({ id, play: { kind: "missed_connections" } });
    expect(!outsider.ok && outsider.error.code).toBe("NOT_FOUND");
    signOut();
    const nobody = await startPlayFromPage({ id, play: { kind: "missed_connections" } });
    expect(!nobody.ok && nobody.error.code).toBe("UNAUTHENTICATED");
    expect(await db().reengagementPlay.count({ where: { opportunityId: id } })).toBe(0);
  });
});

describe("acting on a play from the card or My reminders", () => {
  async function raised() {
    const id = await lostDeal();
    await signInAs(org.rep);
    const started = await startPlayFromPage({ id, play: { kind: "raise_the_dead", remindOn: inDays(3) } });
    if (!started.ok) throw new Error(started.error.message);
    cache.refresh.mockClear();
    cache.revalidatePath.mockClear();
    return { id, playId: started.data.plays[0]!.id };
  }

  test("snooze, then re-open into Qualify with a reason", async () => {
    const { id, playId } = await raised();
    const snoozed = await actOnPlayFromPage({ id, playId, action: { action: "snooze", remindOn: inDays(30) } });
    expect(snoozed.ok && snoozed.data.plays[0]!.nextTouch?.dueOn).toBe(inDays(30));
    expect(rerendered()).toBe(true);
    const noReason = await actOnPlayFromPage({ id, playId, action: { action: "reopen", toStage: "qualify", reason: " " } });
    expect(!noReason.ok && fields(noReason.error)).toEqual(["action.reason"]);
    const reopened = await actOnPlayFromPage({ id, playId, action: { action: "reopen", toStage: "qualify", reason: "Budget is back" } });
    expect(reopened.ok).toBe(true);
    if (reopened.ok) expect(reopened.data).toMatchObject({ dealStatus: "open", plays: [{ status: "ended", endedAs: "reopened" }] });
    expect(await db().opportunity.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "open", stageKey: "qualify" });
  });

  test("close with a note; an ended play is a conflict", async () => {
    const { id, playId } = await raised();
    const closed = await actOnPlayFromPage({ id, playId, action: { action: "close", note: "Signed with a competitor" } });
    expect(closed.ok && closed.data.plays[0]).toMatchObject({ status: "ended", endedAs: "closed" });
    const again = await actOnPlayFromPage({ id, playId, action: { action: "close" } });
    expect(!again.ok && again.error.code).toBe("CONFLICT");
  });

  test("Missed Connections: record touches and the buyer's answer", async () => {
    const id = await lostDeal();
    await signInAs(org.rep);
    const started = await startPlayFromPage({ id, play: { kind: "missed_connections" } });
    if (!started.ok) throw new Error(started.error.message);
    const playId = started.data.plays[0]!.id;
    const touched = await actOnPlayFromPage({ id, playId, action: { action: "touch_done" } });
    expect(touched.ok && touched.data.plays[0]!.nextTouch?.position).toBe(2);
    const answered = await actOnPlayFromPage({ id, playId, action: { action: "buyer_answered", note: "Call in May" } });
    expect(answered.ok && answered.data.plays[0]).toMatchObject({ status: "ended", endedAs: "buyer_answered" });
  });

  test("an unknown action or a stray field is refused by name", async () => {
    const { id, playId } = await raised();
    const unknown = await actOnPlayFromPage({ id, playId, action: { action: "dance" } });
    expect(!unknown.ok && unknown.error.code).toBe("VALIDATION_FAILED");
    const stray = await actOnPlayFromPage({ id, playId, action: { action: "close" }, extra: 1 });
    expect(!stray.ok && stray.error.code).toBe("VALIDATION_FAILED");
    expect(cache.refresh).not.toHaveBeenCalled();
  });
});
