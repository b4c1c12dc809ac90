// The demo's won deals carry their Closed Won checklists (docs/rules/demo-data.md, "After the close"):
// the latest new customer's win still being worked, the new customer's win before it with a failed
// welcome e-mail, every other win done;
// their messages and history agree, and nothing happened after "now".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { checklistKindsFor } from "@/src/domain/closing/checklist";
import { readChecklist } from "@/src/server/closing/checklist";
import { database, db } from "@/src/server/db";
import { seedDemoData } from "@/src/server/demo/seed-demo";
import { ensureDefaultProcess } from "@/src/server/process/ensure-default-process";

// The demo's documents are written to the file storage: a folder of this test's own.
process.env.STORAGE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-demo-"));

const now = new Date("2026-03-15T15:30:00Z");
const env = { SLACK_WEBHOOK_URL: "http://127.0.0.1:9/x", SMTP_URL: "smtp://127.0.0.1:9", MAIL_FROM: "a@b.test" };

const loadWins = () =>
  db().opportunity.findMany({
    where: { status: "won" },
    // The checklist's messages: the demo's webhook deliveries of the wins are the webhook test's.
    include: {
      checklist: true,
      contacts: true,
      outbox: { where: { checklistItemId: { not: null } }, include: { deliveryAttempts: true } },
      history: { orderBy: { id: "asc" } },
    },
    orderBy: { closedAt: "desc" },
  });
let wins: Awaited<ReturnType<typeof loadWins>>;

beforeAll(async () => {
  await database().transaction((tx) => ensureDefaultProcess(tx));
  await seedDemoData(database(), { now });
  wins = await loadWins();
});

describe("the demo's won deals and their checklists", () => {
  test("there are wins, and each has its checklist's items, the contract and why we won done by the move", () => {
    expect(wins.length).toBeGreaterThan(2);
    for (const deal of wins) {
      expect(deal.checklist.map((i) => i.kind).sort()).toEqual(checklistKindsFor(deal).sort());
      for (const item of deal.checklist.filter((i) => i.kind === "signed_contract" || i.kind === "why_won"))
        expect(item.doneAt?.getTime()).toBe(deal.closedAt!.getTime());
    }
  });

  const newWins = () => wins.filter((deal) => deal.type === "new");

  test("the latest new customer's win is being worked: nothing sent, no customer contact, its welcome asks for one", async () => {
    const latest = newWins()[0]!;
    expect(latest.outbox).toHaveLength(0);
    expect(latest.contacts.some((c) => c.role === "customer_contact")).toBe(false);
    const checklist = await readChecklist(database().sql, latest.id, env);
    expect(checklist.open).toBe(3);
    expect(checklist.items.find((i) => i.kind === "welcome_email")?.blocker).toMatch(/Customer contact/);
  });

  test("the new customer's win before it has its post delivered and its welcome e-mail failed with the server's answer", async () => {
    const second = newWins()[1]!;
    const checklist = await readChecklist(database().sql, second.id, env);
    expect(checklist.items.find((i) => i.kind === "slack_post")?.state).toBe("done");
    expect(checklist.items.find((i) => i.kind === "welcome_email")).toMatchObject({ state: "failed", lastError: expect.stringMatching(/^SMTP 550/) });
    expect(checklist.items.find((i) => i.kind === "handoff_meeting")?.state).toBe("pending");
    expect(checklist.open).toBe(2);
  });

  test("every other win is done, each message delivered once, to the right people", async () => {
    const worked = newWins().slice(0, 2);
    const others = wins.filter((deal) => !worked.includes(deal));
    expect(others.length).toBeGreaterThan(0);
    for (const deal of others) {
      const checklist = await readChecklist(database().sql, deal.id, env);
      expect(checklist.open, deal.name).toBe(0);
      expect(deal.outbox.every((m) => m.status === "delivered" && m.deliveryAttempts.at(-1)?.status === "delivered")).toBe(true);
      const invitation = deal.outbox.find((m) => (m.payload as any).calendar);
      expect(invitation, deal.name).toBeDefined();
      expect((invitation!.payload as any).calendar.content).toContain("METHOD:REQUEST");
      if (deal.type === "new") {
        const contact = deal.contacts.find((c) => c.role === "customer_contact")!;
        expect(deal.outbox.some((m) => (m.payload as any).to?.includes(contact.email) && (m.payload as any).subject)).toBe(true);
      }
    }
  });

  test("each send is in the deal's history, the version counts every entry, and nothing is dated after now", () => {
    for (const deal of wins) {
      const sends = deal.history.filter((h) => h.type === "checklist_updated");
      expect(sends).toHaveLength(deal.outbox.length);
      expect(deal.version).toBe(deal.history.length);
      const times = [...deal.history.map((h) => h.at), ...deal.outbox.flatMap((m) => [m.createdAt, ...m.deliveryAttempts.map((a) => a.at)])];
      expect(
        times.every((t) => t.getTime() <= now.getTime()),
        deal.name,
      ).toBe(true);
    }
  });
});

describe("the demo's re-engagement plays", () => {
  const loadPlays = () =>
    db().reengagementPlay.findMany({
      include: { touches: { orderBy: { position: "asc" } }, opportunity: { include: { owner: true, history: true } } },
    });

  test("each is on a lost deal of the demo reps, after its loss, with its history entries", async () => {
    const plays = await loadPlays();
    expect(plays.length).toBeGreaterThanOrEqual(3);
    for (const play of plays) {
      expect(play.opportunity.status).toBe("lost");
      expect(play.createdAt.getTime()).toBeGreaterThan(play.opportunity.closedAt!.getTime());
      expect(play.createdAt.getTime()).toBeLessThanOrEqual(now.getTime());
      const entries = play.opportunity.history.filter((h) => (h.details as any).play === play.id);
      expect(entries.map((h) => h.type)[0]).toBe("play_scheduled");
      expect(play.opportunity.version).toBe(play.opportunity.history.length);
    }
  });

  test("the rep has a Raise the Dead play due and not yet reminded, and a Missed Connections play under way", async () => {
    const plays = (await loadPlays()).filter((p) => p.opportunity.owner.email === "rep@stageline.test" && p.status === "active");
    const raise = plays.find((p) => p.kind === "raise_the_dead")!;
    expect(raise.touches).toHaveLength(1);
    expect(raise.touches[0]!.dueOn.getTime()).toBeLessThan(now.getTime());
    expect(raise.touches[0]!.remindedAt).toBeNull();
    const missed = plays.find((p) => p.kind === "missed_connections")!;
    expect(missed.touches.map((t) => t.position)).toEqual([1, 2, 3]);
    expect(missed.touches[0]!.doneAt).not.toBeNull();
    expect(missed.touches.slice(1).every((t) => t.doneAt === null)).toBe(true);
  });
});
