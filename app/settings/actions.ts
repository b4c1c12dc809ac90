"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/src/auth/current-actor";
import { AppError } from "@/src/errors";
import { createOwnApiToken } from "@/src/server/tokens/create-own-api-token";
import { revokeOwnApiToken } from "@/src/server/tokens/revoke-own-api-token";
import { CreateApiTokenInput, RevokeApiTokenInput } from "@/src/server/tokens/token-input";

export type CreateTokenState =
  | { status: "idle" }
  | { status: "invalid"; name: string; error: string }
  | { status: "created"; name: string; token: string };

export async function createTokenAction(_prev: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  const actor = await requireActor("/settings");
  const raw = String(form.get("name") ?? "");
  const input = CreateApiTokenInput.safeParse({ name: raw });
  if (!input.success) return { status: "invalid", name: raw, error: input.error.issues[0]?.message ?? "Invalid name." };
  const created = await createOwnApiToken(actor, input.data.name);
  revalidatePath("/settings");
  return { status: "created", name: created.name, token: created.token };
}

export type RevokeTokenState = { error: string | null };

export async function revokeTokenAction(_prev: RevokeTokenState, form: FormData): Promise<RevokeTokenState> {
  const actor = await requireActor("/settings");
  const input = RevokeApiTokenInput.safeParse({ tokenId: form.get("tokenId") });
  if (!input.success) return { error: "That token could not be found." };
  try {
    await revokeOwnApiToken(actor, input.data.tokenId);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") return { error: "That token could not be found." };
    throw e;
  }
  revalidatePath("/settings");
  return { error: null };
}
