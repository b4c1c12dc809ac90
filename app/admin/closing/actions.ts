"use server";

// The closing page's forms, each saving its own part of the settings through the API's schema and
// use case (admins only, every problem by field, nothing written when one is refused), and the live
// preview of the templates as they are typed.
import { refresh } from "next/cache";
import type { ZodType } from "zod";
import type { Actor } from "@/src/auth/actor";
import { type ActionResult, runAction } from "@/src/http/action-result";
import { ClosingPreviewRequest, ClosingSettingsRequest, type ClosingSettingsResponse } from "@/src/schemas/closing";
import { type ClosingPreview, previewClosingTemplates } from "@/src/server/closing/admin-page";
import { changeClosingSettings } from "@/src/server/closing/manage-settings";

type Settings = Omit<ClosingSettingsResponse, "placeholders">;

async function save<I extends object, K extends keyof Settings>(
  schema: ZodType<I>,
  input: unknown,
  key: K,
): Promise<ActionResult<Pick<Settings, K>>> {
  const result = await runAction(schema, input, async (actor: Actor, body: I) => {
    const saved = await changeClosingSettings(actor, body);
    return { [key]: saved[key] } as Pick<Settings, K>;
  });
  if (result.ok) refresh();
  return result;
}

const SlackInput = ClosingSettingsRequest.pick({ slackTemplate: true }).required();
const WelcomeInput = ClosingSettingsRequest.pick({ welcomeTemplate: true }).required();
const CategoriesInput = ClosingSettingsRequest.pick({ lossCategories: true }).required();
const CadenceInput = ClosingSettingsRequest.pick({ missedConnectionsCadence: true }).required();

export async function saveSlackTemplateAction(input: unknown) {
  return save(SlackInput, input, "slackTemplate");
}

export async function saveWelcomeTemplateAction(input: unknown) {
  return save(WelcomeInput, input, "welcomeTemplate");
}

export async function saveLossCategoriesAction(input: unknown) {
  return save(CategoriesInput, input, "lossCategories");
}

export async function saveCadenceAction(input: unknown) {
  return save(CadenceInput, input, "missedConnectionsCadence");
}

export async function previewTemplatesAction(input: unknown): Promise<ActionResult<ClosingPreview>> {
  return runAction(ClosingPreviewRequest, input, (actor, body) => previewClosingTemplates(actor, body));
}
