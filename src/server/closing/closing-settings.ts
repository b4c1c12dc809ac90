// The closing's workspace settings, kept in AppSetting by key: the #wins and welcome templates, the
// loss categories and the Missed Connections cadence. A missing or unreadable value reads as the
// default, so a fresh workspace needs no setup (docs/rules/closing.md).
import { z } from "zod";
import { DEFAULT_LOSS_CATEGORIES, type LossCategory } from "../../domain/closing/loss-categories";
import { cadenceProblems, DEFAULT_CADENCE } from "../../domain/closing/plays";
import {
  DEFAULT_SLACK_TEMPLATE,
  DEFAULT_WELCOME_TEMPLATE,
  type SlackTemplate,
  type TemplateKind,
  templateProblems,
  type WelcomeTemplate,
} from "../../domain/closing/templates";
import type { Sql, Tx } from "../db";

const templated = (kind: TemplateKind) => (value: string, ctx: z.RefinementCtx) => {
  for (const message of templateProblems(kind, value)) ctx.addIssue({ code: "custom", message });
};

export const SlackTemplateSchema = z.object({ text: z.string().trim().min(1, "required").max(3000).superRefine(templated("slack")) }).strict();
export const WelcomeTemplateSchema = z
  .object({
    subject: z.string().trim().min(1, "required").max(200).superRefine(templated("welcome")),
    text: z.string().trim().min(1, "required").max(10_000).superRefine(templated("welcome")),
    html: z.string().trim().min(1, "required").max(20_000).superRefine(templated("welcome")),
  })
  .strict();
/** As stored: every category ever used, retired ones included. */
export const LossCategoriesSchema = z
  .array(z.object({ key: z.string().min(1).max(60), label: z.string().trim().min(1).max(100), retired: z.boolean() }))
  .min(1)
  .max(60);
export const CadenceSchema = z.array(z.number()).superRefine((cadence, ctx) => {
  for (const message of cadenceProblems(cadence)) ctx.addIssue({ code: "custom", message });
});

export const ClosingSettingsSchema = z.object({
  slackTemplate: SlackTemplateSchema,
  welcomeTemplate: WelcomeTemplateSchema,
  lossCategories: LossCategoriesSchema,
  missedConnectionsCadence: CadenceSchema,
});
export type ClosingSettings = {
  slackTemplate: SlackTemplate;
  welcomeTemplate: WelcomeTemplate;
  lossCategories: LossCategory[];
  missedConnectionsCadence: number[];
};

const KEYS = {
  slackTemplate: "closing.slackTemplate",
  welcomeTemplate: "closing.welcomeTemplate",
  lossCategories: "closing.lossCategories",
  missedConnectionsCadence: "closing.missedConnectionsCadence",
} as const satisfies Record<keyof ClosingSettings, string>;

const DEFAULTS: ClosingSettings = {
  slackTemplate: DEFAULT_SLACK_TEMPLATE,
  welcomeTemplate: DEFAULT_WELCOME_TEMPLATE,
  lossCategories: DEFAULT_LOSS_CATEGORIES.map((c) => ({ ...c })),
  missedConnectionsCadence: [...DEFAULT_CADENCE],
};

export async function getClosingSettings(q: Sql): Promise<ClosingSettings> {
  const rows = await q.selectFrom("AppSetting").select(["key", "value"]).where("key", "in", Object.values(KEYS)).execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const read = <K extends keyof ClosingSettings>(key: K): ClosingSettings[K] => {
    const parsed = ClosingSettingsSchema.shape[key].safeParse(stored.get(KEYS[key]));
    return parsed.success ? (parsed.data as ClosingSettings[K]) : DEFAULTS[key];
  };
  return {
    slackTemplate: read("slackTemplate"),
    welcomeTemplate: read("welcomeTemplate"),
    lossCategories: read("lossCategories"),
    missedConnectionsCadence: read("missedConnectionsCadence"),
  };
}

/** The loss categories alone, for a Closed Lost move (retired ones included: the caller picks). */
export async function getLossCategories(q: Sql): Promise<LossCategory[]> {
  const row = await q.selectFrom("AppSetting").select("value").where("key", "=", KEYS.lossCategories).executeTakeFirst();
  const parsed = LossCategoriesSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULTS.lossCategories;
}

/** Writes the given settings; the caller has validated and authorized them and holds the transaction. */
export async function saveClosingSettings(tx: Tx, settings: Partial<ClosingSettings>, now: Date): Promise<void> {
  for (const [key, value] of Object.entries(settings) as [keyof ClosingSettings, unknown][]) {
    if (value === undefined) continue;
    const json = JSON.stringify(value);
    await tx
      .insertInto("AppSetting")
      .values({ key: KEYS[key], value: json, updatedAt: now })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: json, updatedAt: now }))
      .execute();
  }
}
