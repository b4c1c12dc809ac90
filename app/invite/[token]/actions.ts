"use server";

// The invitation page's one write: the invited user chooses their first password through the link
// (docs/rules/people.md#invitations), and is signed in.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { sessionCookie } from "@/src/auth/session-cookie";
import { actionResult } from "@/src/http/action-result";
import { formField } from "@/src/http/form-field";
import { NewPassword } from "@/src/schemas/password";
import { database } from "@/src/server/db";
import { acceptInvitation } from "@/src/server/users/invitations";

const SetPasswordInput = z
  .object({ token: z.string().min(1).max(200), password: NewPassword, confirmPassword: z.string().max(1024) })
  .superRefine((input, ctx) => {
    if (input.confirmPassword !== input.password) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "does not match the password" });
  });

export type SetPasswordState =
  | { status: "idle" }
  | { status: "invalid"; fields: Partial<Record<"password" | "confirmPassword", string>>; error: string | null }
  | { status: "closed"; state: string };

type FieldProblem = { field: string; message: string };

export async function setInvitedPasswordAction(_prev: SetPasswordState, form: unknown): Promise<SetPasswordState> {
  const input = { token: formField(form, "token"), password: formField(form, "password"), confirmPassword: formField(form, "confirmPassword") };
  const result = await actionResult(async () => {
    const user = await acceptInvitation(...(({ token, password }) => [token, password] as const)(SetPasswordInput.parse(input)));
    // Signed in at once: the link proved the address, and the password was just chosen.
    try {
      const cookie = await sessionCookie(database().sql, user);
      (await cookies()).set(cookie.name, cookie.value, cookie.options);
      return true;
    } catch {
      return false; // the password is set: they can sign in on the sign-in page
    }
  });
  if (result.ok) redirect(result.data ? "/" : "/signin?invited=1");
  const details = result.error.details as { fields?: FieldProblem[]; state?: string } | undefined;
  if (result.error.code === "CONFLICT" || result.error.code === "NOT_FOUND") return { status: "closed", state: details?.state ?? "unknown" };
  const fields = Object.fromEntries((details?.fields ?? []).map((p) => [p.field, p.message]));
  return { status: "invalid", fields, error: Object.keys(fields).length ? null : result.error.message };
}
