// The closing's admin page (docs/rules/closing.md, "Templates"): the settings, the won deals a
// template can be previewed with, and the preview itself: the templates as the admin types them,
// filled from a real won deal by the same functions the checklist sends with (slackMessage,
// welcomeMessage from the deal's facts); a template with problems is not filled, its problems are.
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { toCalendarDate } from "../../domain/dates";
import {
  type SlackTemplate,
  slackMessage,
  slackValues,
  type TemplateKind,
  templateProblems,
  type WelcomeTemplate,
  welcomeMessage,
  type WonDealFacts,
} from "../../domain/closing/templates";
import { AppError } from "../../errors";
import type { ClosingPreviewRequest, ClosingSettingsResponse } from "../../schemas/closing";
import { database, type Sql } from "../db";
import { customerContacts, wonDeal, wonFacts } from "./checklist";
import { readClosingSettings } from "./manage-settings";

export type PreviewDeal = { id: string; name: string; accountName: string; closedAt: string | null };

export type ClosingAdminPage = { settings: ClosingSettingsResponse; wonDeals: PreviewDeal[] };

const RECENT_WON = 25;

async function recentWonDeals(q: Sql): Promise<PreviewDeal[]> {
  const rows = await q
    .selectFrom("Opportunity")
    .select(["id", "name", "accountName", "closedAt"])
    .where("status", "=", "won")
    .orderBy("closedAt", "desc")
    .orderBy("id", "desc")
    .limit(RECENT_WON)
    .execute();
  return rows.map((r) => ({ ...r, closedAt: r.closedAt?.toISOString() ?? null }));
}

export async function getClosingAdminPage(actor: Actor): Promise<ClosingAdminPage> {
  assertCan(actor, "closing.manage");
  const [settings, wonDeals] = await Promise.all([readClosingSettings(actor), recentWonDeals(database().sql)]);
  return { settings, wonDeals };
}

type Part<T> = { problems: string[]; value: T | null };

export type ClosingPreview = {
  /** The deal the preview is filled from; null when there is no won deal and a sample fills it. */
  deal: { id: string; name: string } | null;
  /** The welcome e-mail's contact: the deal's first customer contact, or a sample name when it has none. */
  contact: { name: string; email: string | null; sample: boolean };
  slack?: Part<{ text: string; blocks: unknown[] }>;
  welcome?: { subject: Part<string>; text: Part<string>; html: Part<string> };
};

export const SAMPLE_CONTACT = "Jordan Rivera";

function sampleFacts(actor: Actor, now: Date): WonDealFacts & { ownerEmail: string } {
  const closedOn = toCalendarDate(now);
  return {
    name: "Northwind Platform Rollout",
    accountName: "Northwind Traders",
    amount: 48_000,
    currency: "USD",
    ownerName: actor.name,
    ownerEmail: actor.email,
    whyWon: "They needed the audit trail by the end of the quarter, and we were the only ones who had it.",
    createdOn: toCalendarDate(new Date(now.getTime() - 45 * 86_400_000)),
    closedOn,
  };
}

/** The templates filled from the chosen won deal (the latest by default), or from a sample deal when none is won. */
export async function previewClosingTemplates(actor: Actor, input: ClosingPreviewRequest, now = new Date()): Promise<ClosingPreview> {
  assertCan(actor, "closing.manage");
  const q = database().sql;
  const dealId =
    input.dealId ??
    (await q.selectFrom("Opportunity").select("id").where("status", "=", "won").orderBy("closedAt", "desc").orderBy("id", "desc").executeTakeFirst())
      ?.id;
  let facts: WonDealFacts & { ownerEmail: string };
  let deal: ClosingPreview["deal"] = null;
  let contact: ClosingPreview["contact"] = { name: SAMPLE_CONTACT, email: null, sample: true };
  if (dealId) {
    const found = await q.selectFrom("Opportunity").select("status").where("id", "=", dealId).executeTakeFirst();
    if (found?.status !== "won") throw new AppError("NOT_FOUND", "No won deal has this id: pick one of the list.");
    const row = await wonDeal(q, dealId);
    facts = { ...wonFacts(row), ownerEmail: row.ownerEmail };
    deal = { id: row.id, name: row.name };
    // The checklist's recipient: the deal's first contact with the role customer contact and an address.
    const [first] = await customerContacts(q, dealId);
    if (first) contact = { name: first.name, email: first.email, sample: false };
  } else facts = sampleFacts(actor, now);

  const preview: ClosingPreview = { deal, contact };
  if (input.slackTemplate) {
    const problems = problemsOf("slack", input.slackTemplate.text);
    preview.slack = { problems, value: problems.length ? null : slackMessage(input.slackTemplate as SlackTemplate, slackValues(facts)) };
  }
  if (input.welcomeTemplate) {
    const parts = input.welcomeTemplate as WelcomeTemplate;
    const problems = {
      subject: problemsOf("welcome", parts.subject),
      text: problemsOf("welcome", parts.text),
      html: problemsOf("welcome", parts.html),
    };
    // A part with problems is left out of the rendering (mustache cannot read it) and shown by its problems.
    const usable = (part: keyof WelcomeTemplate) => (problems[part].length ? "" : parts[part]);
    const message = welcomeMessage(
      { subject: usable("subject"), text: usable("text"), html: usable("html") },
      { contact: contact.name, account: facts.accountName, deal: facts.name, owner: facts.ownerName, ownerEmail: facts.ownerEmail },
    );
    const part = (name: keyof WelcomeTemplate): Part<string> => ({ problems: problems[name], value: problems[name].length ? null : message[name] });
    preview.welcome = { subject: part("subject"), text: part("text"), html: part("html") };
  }
  return preview;
}

/** A template's problems as the save will say them: blank is required, then templateProblems. */
function problemsOf(kind: TemplateKind, text: string): string[] {
  return text.trim() === "" ? ["required"] : templateProblems(kind, text);
}
