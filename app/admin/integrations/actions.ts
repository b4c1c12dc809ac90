"use server";

// The integrations page's writes, each through the API's schema and use case (admins only, every
// problem by field): webhook endpoints, their secrets and the private-address setting, the embed's
// allowed origins, and the channels' test messages.
import { refresh } from "next/cache";
import { z } from "zod";
import { AppError } from "@/src/errors";
import { type ActionResult, runAction } from "@/src/http/action-result";
import { EmbedSettingsRequest } from "@/src/schemas/embed";
import { TestMessageRequest, type TestMessageResponse } from "@/src/schemas/integrations";
import { CreateWebhookRequest, UpdateWebhookRequest, WebhookParams, WebhookSettings, type WebhookWithSecret } from "@/src/schemas/webhooks";
import { changeEmbedSettings } from "@/src/server/embed/embed-settings";
import { sendTestMessage } from "@/src/server/integrations/channels";
import { changeWebhookSettings, createWebhook, deleteWebhook, rotateWebhookSecret, updateWebhook } from "@/src/server/webhooks/endpoints";

/** Runs the write and, when it succeeded, renders the page again with what it changed. */
async function thenRefresh<T>(result: Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const done = await result;
  if (done.ok) refresh();
  return done;
}

export async function createWebhookAction(input: unknown): Promise<ActionResult<WebhookWithSecret>> {
  return thenRefresh(runAction(CreateWebhookRequest, input, (actor, body) => createWebhook(actor, body)));
}

const UpdateInput = WebhookParams.extend({ changes: UpdateWebhookRequest }).strict();

export async function updateWebhookAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return thenRefresh(runAction(UpdateInput, input, async (actor, { id, changes }) => ({ id: (await updateWebhook(actor, id, changes)).id })));
}

export async function deleteWebhookAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return thenRefresh(
    runAction(WebhookParams.strict(), input, async (actor, { id }) => {
      await deleteWebhook(actor, id);
      return { id };
    }),
  );
}

export async function rotateWebhookSecretAction(input: unknown): Promise<ActionResult<WebhookWithSecret>> {
  return thenRefresh(runAction(WebhookParams.strict(), input, (actor, { id }) => rotateWebhookSecret(actor, id)));
}

export async function saveWebhookSettingsAction(input: unknown): Promise<ActionResult<WebhookSettings>> {
  return thenRefresh(runAction(WebhookSettings, input, (actor, body) => changeWebhookSettings(actor, body)));
}

/** The origins as typed, one per line or separated by commas or spaces. */
const OriginsText = z.object({ origins: z.string().max(20_000) }).strict();

export async function saveEmbedOriginsAction(input: unknown) {
  return thenRefresh(
    runAction(OriginsText, input, async (actor, { origins }) => {
      const list = origins.split(/[\s,]+/).filter(Boolean);
      const parsed = EmbedSettingsRequest.safeParse({ origins: list });
      if (!parsed.success) {
        // Each refusal names the origin as typed, so the field can say which one.
        throw new AppError("VALIDATION_FAILED", "Some origins are not valid.", {
          fields: parsed.error.issues.map((issue) => {
            const index = typeof issue.path[1] === "number" ? issue.path[1] : -1;
            return { field: "origins", message: index >= 0 ? `"${list[index]}": ${issue.message}` : issue.message };
          }),
        });
      }
      return changeEmbedSettings(actor, parsed.data);
    }),
  );
}

export async function sendTestMessageAction(input: unknown): Promise<ActionResult<TestMessageResponse>> {
  return runAction(TestMessageRequest, input, (actor, { channel }) => sendTestMessage(actor, channel));
}
