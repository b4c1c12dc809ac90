"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { currentSession, requireActor } from "@/src/auth/current-actor";
import { sessionCookieName, usesSecureCookies } from "@/src/auth/session";
import { actionResult, type ActionError } from "@/src/http/action-result";
import { changeOwnPassword } from "@/src/server/account/change-own-password";
import { endOwnSessions } from "@/src/server/account/end-own-sessions";
import { ChangePasswordInput } from "@/src/server/account/password-input";
import { formField } from "@/src/http/form-field";
import { createOwnApiToken } from "@/src/server/tokens/create-own-api-token";
import { revokeOwnApiToken } from "@/src/server/tokens/revoke-own-api-token";
import { CreateApiTokenInput, RevokeApiTokenInput } from "@/src/server/tokens/token-input";

export type CreateTokenState =
  | { status: "idle" }
  | { status: "invalid"; name: string; error: string }
  | { status: "created"; name: string; token: string };

type FieldProblem = { field: string; message: string };
const problems = (error: ActionError) => (error.details as { fields?: FieldProblem[] } | undefined)?.fields ?? [];

/** The words for a field's problem when there is one, else the error's own message. */
const firstProblem = (error: ActionError) => problems(error)[0]?.message ?? error.message;

export async function createTokenAction(_prev: CreateTokenState, form: unknown): Promise<CreateTokenState> {
  const actor = await requireActor("/settings");
  const raw = String(formField(form, "name") ?? "");
  const result = await actionResult(async () =>
    createOwnApiToken(actor, CreateApiTokenInput.parse({ name: raw, expiresIn: formField(form, "expiresIn") })),
  );
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

export type ChangePasswordState =
  | { status: "idle" }
  | { status: "invalid"; fields: Partial<Record<keyof ChangePasswordInput, string>>; error: string | null }
  | { status: "changed"; endedSessions: number };

export async function changePasswordAction(_prev: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  const session = await currentSession();
  if (!session) redirect("/signin?callbackUrl=%2Fsettings");
  const input = Object.fromEntries(["currentPassword", "newPassword", "confirmPassword"].map((k) => [k, formField(form, k)]));
  const result = await actionResult(async () => changeOwnPassword(session.actor, session.sessionId, ChangePasswordInput.parse(input)));
  // A one-time password replaced: the rest of the app opens, starting at home.
  if (result.ok && session.actor.mustChangePassword) redirect("/");
  if (result.ok) return { status: "changed", endedSessions: result.data.endedSessions };
  const fields = Object.fromEntries(problems(result.error).map((p) => [p.field, p.message]));
  return { status: "invalid", fields, error: Object.keys(fields).length ? null : result.error.message };
}

/** Ends every session of the user, this one included, and goes to the sign-in page. */
export async function signOutEverywhereAction(): Promise<void> {
  const actor = await requireActor("/settings", { oneTimePassword: "allowed" });
  await endOwnSessions(actor);
  (await cookies()).set(sessionCookieName(), "", { httpOnly: true, sameSite: "lax", path: "/", secure: usesSecureCookies(), maxAge: 0 });
  redirect("/signin");
}
