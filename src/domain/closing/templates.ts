// The admin-editable messages of the Closed Won checklist (docs/rules/closing.md, "Templates"):
// mustache templates limited to named placeholders, each filled from the won deal and escaped for
// where the text lands (Slack mrkdwn, HTML mail, or plain text).
import Mustache from "mustache";
import { type CalendarDate, daysBetween } from "../dates";

export const TEMPLATE_KINDS = ["slack", "welcome"] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** The placeholders each template may use, with what they are replaced by. */
export const PLACEHOLDERS = {
  slack: {
    deal: "the deal's name",
    account: "the customer's name",
    amount: "the amount, with its currency",
    owner: "the deal owner's name",
    whyWon: "why we won, as the rep wrote it",
    daysInPipeline: "days from the deal's creation to its close",
  },
  welcome: {
    contact: "the customer contact's name",
    account: "the customer's name",
    deal: "the deal's name",
    owner: "the deal owner's name",
    ownerEmail: "the deal owner's e-mail address",
  },
} as const satisfies Record<TemplateKind, Record<string, string>>;

export type SlackValues = Record<keyof (typeof PLACEHOLDERS)["slack"], string>;
export type WelcomeValues = Record<keyof (typeof PLACEHOLDERS)["welcome"], string>;

export type SlackTemplate = { text: string };
export type WelcomeTemplate = { subject: string; text: string; html: string };

export const DEFAULT_SLACK_TEMPLATE: SlackTemplate = {
  text: ":trophy: *{{deal}}* is closed won: {{amount}} with {{account}}, by {{owner}} after {{daysInPipeline}} days in the pipeline.\n*Why we won:* {{whyWon}}",
};

export const DEFAULT_WELCOME_TEMPLATE: WelcomeTemplate = {
  subject: "Welcome aboard, {{account}}",
  text: "Hello {{contact}},\n\nThank you for choosing us. Your customer success manager will be in touch within two business days to plan your onboarding.\n\nIf anything comes up before then, reply to this e-mail.\n\n{{owner}}\n{{ownerEmail}}",
  html: "<p>Hello {{contact}},</p>\n<p>Thank you for choosing us. Your customer success manager will be in touch within two business days to plan your onboarding.</p>\n<p>If anything comes up before then, reply to this e-mail.</p>\n<p>{{owner}}<br>{{ownerEmail}}</p>",
};

/** Where a rendered text lands, and so how a placeholder's value is escaped. */
export type Target = "plain" | "html" | "slack";

const ESCAPES: Record<Target, (value: string) => string> = {
  plain: (value) => value,
  html: (value) => Mustache.escape(value),
  // Slack's mrkdwn reads &, < and > as control characters: a deal named "<!channel>" must not ping anyone.
  slack: (value) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
};

/**
 * The problems of a template, in words an admin can act on: a tag left open, a placeholder this
 * template does not know, or mustache's sections, partials and unescaped tags (values are always
 * escaped, and a template holds no logic).
 */
export function templateProblems(kind: TemplateKind, template: string): string[] {
  let tokens: unknown[][];
  try {
    tokens = Mustache.parse(template) as unknown[][];
  } catch (error) {
    return [`The template cannot be read: ${(error as Error).message}.`];
  }
  const known = Object.keys(PLACEHOLDERS[kind]);
  const problems: string[] = [];
  for (const [type, value] of tokens) {
    if (type === "text" || type === "!") continue;
    if (type !== "name") problems.push(`Only {{placeholder}} tags are allowed: "${tagOf(type, value)}" is not.`);
    else if (!known.includes(String(value)))
      problems.push(`{{${String(value)}}} is not a placeholder here; use one of ${known.map((k) => `{{${k}}}`).join(", ")}.`);
  }
  return problems;
}

const tagOf = (type: unknown, value: unknown) => (type === "&" ? `{{&${String(value)}}}` : `{{${String(type)}${String(value)}}}`);

/** Fills a template that has no problems; every value is escaped for the target. */
export function renderTemplate(template: string, values: Record<string, string>, target: Target): string {
  return Mustache.render(template, values, undefined, { escape: ESCAPES[target] });
}

export type WonDealFacts = {
  name: string;
  accountName: string;
  amount: number;
  currency: string;
  ownerName: string;
  whyWon: string;
  createdOn: CalendarDate;
  closedOn: CalendarDate;
};

export function formatAmount(amount: number, currency: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 2 }).format(amount);
}

export function slackValues(deal: WonDealFacts): SlackValues {
  return {
    deal: deal.name,
    account: deal.accountName,
    amount: formatAmount(deal.amount, deal.currency),
    owner: deal.ownerName,
    whyWon: deal.whyWon,
    daysInPipeline: String(Math.max(0, daysBetween(deal.createdOn, deal.closedOn))),
  };
}

/**
 * The #wins post as an incoming webhook takes it: Block Kit blocks for clients that draw them, and
 * the same words as `text` for notifications and clients that do not.
 */
export function slackMessage(template: SlackTemplate, values: SlackValues): { text: string; blocks: unknown[] } {
  const text = renderTemplate(template.text, values, "slack");
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text } },
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: renderTemplate("{{amount}} · {{owner}} · {{daysInPipeline}} days in the pipeline", values, "slack") }],
      },
    ],
  };
}

/** The welcome e-mail: the subject on one line, the text as written, the HTML with escaped values. */
export function welcomeMessage(template: WelcomeTemplate, values: WelcomeValues): { subject: string; text: string; html: string } {
  return {
    subject: renderTemplate(template.subject, values, "plain").replace(/\s+/g, " ").trim(),
    text: renderTemplate(template.text, values, "plain"),
    html: renderTemplate(template.html, values, "html"),
  };
}
