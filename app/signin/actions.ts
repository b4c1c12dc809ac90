"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientAddress } from "@/src/auth/request-actor";
import { sessionCookie } from "@/src/auth/session-cookie";
import { AppError } from "@/src/errors";
import { formField } from "@/src/http/form-field";
import { database, db } from "@/src/server/db";
import { log } from "@/src/server/ops/log";
import { verifyCredentials } from "@/src/server/auth/verify-credentials";
import { requestId } from "@/src/server/security/security-log";
import { safeCallbackUrl } from "./safe-callback-url";

const text = (form: unknown, name: string, max: number) => {
  const value = formField(form, name);
  return typeof value === "string" ? value.slice(0, max) : "";
};

/**
 * The sign-in form's own submit, used when it is posted before the page's JavaScript has run (once
 * it has, the form signs in through next-auth's client instead). Same check and rate limits as
 * next-auth's credentials provider, and the same error codes, which the sign-in page shows.
 */
export async function signInWithPassword(form: unknown): Promise<void> {
  const callbackUrl = safeCallbackUrl(text(form, "callbackUrl", 2000));
  let error: "CredentialsSignin" | "RateLimited" | "Unknown" | null = null;
  try {
    const request = { headers: await headers() };
    const actor = await verifyCredentials(db(), {
      email: text(form, "email", 254),
      password: text(form, "password", 1024),
      clientAddress: clientAddress(request),
      requestId: requestId(request),
      via: "sign-in page",
    });
    const cookie = await sessionCookie(database().sql, actor);
    (await cookies()).set(cookie.name, cookie.value, cookie.options);
  } catch (e) {
    if (e instanceof AppError && e.code === "RATE_LIMITED") error = "RateLimited";
    else if (e instanceof AppError && e.code === "UNAUTHENTICATED") error = "CredentialsSignin";
    else {
      log().error({ err: e }, "Sign-in failed");
      error = "Unknown";
    }
  }
  if (!error) redirect(callbackUrl);
  const back = new URLSearchParams({ error });
  if (callbackUrl !== "/") back.set("callbackUrl", callbackUrl);
  redirect(`/signin?${back}`);
}
