"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/src/auth/current-actor";
import { actionResult, type ActionError } from "@/src/http/action-result";
import { formField } from "@/src/http/form-field";
import { createOwnApiToken } from "@/src/server/tokens/create-own-api-token";
import { revokeOwnApiToken } from "@/src/server/tokens/revoke-own-api-token";
import { CreateApiTokenInput, RevokeApiTokenInput } from "@/src/server/tokens/token-input";

export type CreateTokenState =
  | { status: "idle" }
  | { status: "invalid"; name: string; error: string }
  | { status: "created"; name: string; token: string };

/** The words for a field's problem when there is one, else the error's own message. */
const firstProblem = (error: ActionError) => (error.details as { fields?: { message: string }[] } | undefined)?.fields?.[0]?.message ?? error.message;

export async function createTokenAction(_prev: CreateTokenState, form: unknown): Promise<CreateTokenState> {
  const actor = await requireActor("/settings");
  const raw = String(formField(form, "name") ?? "");
  const result = await actionResult(async () => createOwnApiToken(actor, CreateApiTokenInput.parse({ name: raw }).name));
  if (!result.ok) return { status: "invalid", name: raw, error: firstProblem(result.error) };
  revalidatePath("/settings");
  return { status: "created", name: result.data.name, token: result.data.token };
}

export type RevokeTokenState = { error: string | null };

export async function revokeTokenAction(_prev: RevokeTokenState, form: unknown): Promise<RevokeTokenState> {
  const actor = await requireActor("/settings");
  const result = await actionResult(async () => revokeOwnApiToken(actor, RevokeApiTokenInput.parse({ tokenId: formField(form, "tokenId") }).tokenId));
  if (!result.ok)
    return { error: ["NOT_FOUND", "VALIDATION_FAILED"].includes(result.error.code) ? "That token could not be found." : result.error.message };
  revalidatePath("/settings");
  return { error: null };
}
