// Invitations (docs/rules/people.md#invitations): an admin creates a user without a password, who is
// sent (through the outbox) a one-time link to choose one, valid 72 hours. Only the SHA-256 of the
// link's token is stored; resending replaces the open invitation, so its link stops working.
import crypto from "node:crypto";
import { sql } from "kysely";
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { hashPassword } from "../../auth/password";
import type { DeskGroup } from "../../auth/permissions";
import { ssoConfig } from "../../auth/single-sign-on";
import { AppError, notFound } from "../../errors";
import type { InvitationResponse, InviteUserRequest } from "../../schemas/users";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database, type Sql, type Tx } from "../db";
import { appLink } from "../deal-desk/notifications";
import { newId } from "../ids";
import { enqueueMessage } from "../outbox/enqueue-message";
import { loadUser } from "./user-response";

export const INVITATION_HOURS = 72;

export const hashInvitationToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** The invitation e-mail: the link, how long it works, and single sign-on where it is configured. */
export function invitationEmail(
  user: { name: string; email: string },
  link: string,
  invitedBy: string,
  sso: { name: string } | null,
): { subject: string; text: string } {
  const lines = [
    `Hello ${user.name},`,
    "",
    `${invitedBy} has invited you to Stageline. Choose your password here (the link works once, for ${INVITATION_HOURS} hours):`,
    "",
    link,
    "",
  ];
  if (sso) lines.push(`You may also sign in with ${sso.name}, using this e-mail address (${user.email}).`, "");
  lines.push(`If the link has expired, ask ${invitedBy} to send a new one.`);
  return { subject: "You are invited to Stageline", text: lines.join("\n") };
}

/** Makes a new invitation for `user` (replacing any open one) and queues its e-mail, in `tx`. */
async function issueInvitation(tx: Tx, actor: Actor, user: { id: string; name: string; email: string }, now: Date): Promise<Date> {
  await tx
    .updateTable("UserInvitation")
    .set({ revokedAt: now })
    .where("userId", "=", user.id)
    .where("acceptedAt", "is", null)
    .where("revokedAt", "is", null)
    .execute();
  const token = crypto.randomBytes(32).toString("base64url");
  const id = newId();
  const expiresAt = new Date(now.getTime() + INVITATION_HOURS * 3_600_000);
  await tx
    .insertInto("UserInvitation")
    .values({ id, userId: user.id, tokenHash: hashInvitationToken(token), invitedById: actor.id, createdAt: now, expiresAt })
    .execute();
  const email = invitationEmail(user, appLink(`/invite/${token}`), actor.name, ssoConfig());
  await enqueueMessage(tx, { channel: "email", payload: { to: [user.email], ...email }, idempotencyKey: `invitation:${id}:email` }, now);
  return expiresAt;
}

async function assertTeam(q: Sql, teamId: string | null | undefined) {
  if (teamId && !(await q.selectFrom("Team").select("id").where("id", "=", teamId).executeTakeFirst()))
    throw new AppError("VALIDATION_FAILED", "The team does not exist.", { fields: [{ field: "teamId", message: "no such team" }] });
}

export async function inviteUser(actor: Actor, input: InviteUserRequest, now = new Date()): Promise<InvitationResponse> {
  assertCan(actor, "users.manage");
  return database().transaction(async (tx) => {
    await assertTeam(tx, input.teamId);
    if (await tx.selectFrom("User").select("id").where("email", "=", input.email).executeTakeFirst())
      throw new AppError("CONFLICT", "A user with this email already exists.", { field: "email" });
    const id = newId();
    const groups = input.groups ?? [];
    await tx
      .insertInto("User")
      .values({
        id,
        email: input.email,
        name: input.name,
        passwordHash: null,
        role: input.role,
        teamId: input.teamId ?? null,
        groups: sql<DeskGroup[]>`CAST(${`{${groups.join(",")}}`} AS "DeskGroup"[])`,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const expiresAt = await issueInvitation(tx, actor, { id, name: input.name, email: input.email }, now);
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "user.invited",
      object: { type: "user", id },
      after: { id, email: input.email, name: input.name, role: input.role, teamId: input.teamId ?? null, groups, active: true, expiresAt },
      at: now,
    });
    const user = await loadUser(tx, id);
    return { user: user!, expiresAt: expiresAt.toISOString() };
  });
}

/** A new link for a user still invited (the previous one stops working). */
export async function resendInvitation(actor: Actor, userId: string, now = new Date()): Promise<InvitationResponse> {
  assertCan(actor, "users.manage");
  return database().transaction(async (tx) => {
    const user = await tx
      .selectFrom("User")
      .select(["id", "name", "email", "active", "passwordHash"])
      .where("id", "=", userId)
      .forUpdate()
      .executeTakeFirst();
    if (!user) throw notFound("User");
    if (!user.active) throw new AppError("CONFLICT", "This user is deactivated: reactivate them first.", { status: "deactivated" });
    if (user.passwordHash !== null) throw new AppError("CONFLICT", "This user has already set a password.", { status: "active" });
    const before = await tx
      .selectFrom("UserInvitation")
      .select("expiresAt")
      .where("userId", "=", userId)
      .where("acceptedAt", "is", null)
      .where("revokedAt", "is", null)
      .orderBy("createdAt", "desc")
      .executeTakeFirst();
    const expiresAt = await issueInvitation(tx, actor, user, now);
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "user.invitation_resent",
      object: { type: "user", id: userId },
      before: { email: user.email, expiresAt: before?.expiresAt ?? null },
      after: { email: user.email, expiresAt },
      at: now,
    });
    return { user: (await loadUser(tx, userId))!, expiresAt: expiresAt.toISOString() };
  });
}

export type InvitationState =
  | { state: "open"; name: string; email: string; expiresAt: Date }
  | { state: "used" | "expired" | "replaced" | "unknown"; invitedBy: { name: string; email: string } | null };

/** What an invitation link leads to, read without changing anything (the /invite page). */
export async function readInvitation(q: Sql, token: string, now = new Date()): Promise<InvitationState> {
  const row = await q
    .selectFrom("UserInvitation as i")
    .innerJoin("User as u", "u.id", "i.userId")
    .leftJoin("User as by", "by.id", "i.invitedById")
    .select([
      "i.expiresAt",
      "i.acceptedAt",
      "i.revokedAt",
      "u.name",
      "u.email",
      "u.active",
      "u.passwordHash",
      "by.name as byName",
      "by.email as byEmail",
    ])
    .where("i.tokenHash", "=", hashInvitationToken(token))
    .executeTakeFirst();
  if (!row) return { state: "unknown", invitedBy: null };
  const invitedBy = row.byName && row.byEmail ? { name: row.byName, email: row.byEmail } : null;
  if (row.acceptedAt || row.passwordHash !== null) return { state: "used", invitedBy };
  if (row.revokedAt || !row.active) return { state: "replaced", invitedBy };
  if (row.expiresAt.getTime() <= now.getTime()) return { state: "expired", invitedBy };
  return { state: "open", name: row.name, email: row.email, expiresAt: row.expiresAt };
}

/**
 * Sets the invited user's first password through the link, once: the invitation is locked, checked
 * (not used, not replaced, not expired, the user active) and marked used in one transaction. The
 * password's strength is checked by the caller's schema (NewPassword). Answers the user, to sign in.
 */
export async function acceptInvitation(token: string, password: string, now = new Date()): Promise<{ id: string; email: string; name: string }> {
  const passwordHash = await hashPassword(password); // slow: before the transaction
  return database().transaction(async (tx) => {
    const invitation = await tx
      .selectFrom("UserInvitation")
      .select(["id", "userId", "expiresAt", "acceptedAt", "revokedAt"])
      .where("tokenHash", "=", hashInvitationToken(token))
      .forUpdate()
      .executeTakeFirst();
    const user = invitation
      ? await tx
          .selectFrom("User")
          .select(["id", "email", "name", "active", "passwordHash"])
          .where("id", "=", invitation.userId)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    if (!invitation || !user) throw new AppError("NOT_FOUND", "This invitation link is not valid.");
    if (invitation.acceptedAt || user.passwordHash !== null)
      throw new AppError("CONFLICT", "This invitation link has already been used.", { state: "used" });
    if (invitation.revokedAt || !user.active) throw new AppError("CONFLICT", "This invitation link has been replaced.", { state: "replaced" });
    if (invitation.expiresAt.getTime() <= now.getTime()) throw new AppError("CONFLICT", "This invitation link has expired.", { state: "expired" });
    await tx.updateTable("UserInvitation").set({ acceptedAt: now }).where("id", "=", invitation.id).execute();
    await tx.updateTable("User").set({ passwordHash, mustChangePassword: false, updatedAt: now }).where("id", "=", user.id).execute();
    await recordAudit(tx, {
      actor: { id: user.id, email: user.email },
      action: "user.invitation_accepted",
      object: { type: "user", id: user.id },
      before: { email: user.email, password: null },
      after: { email: user.email, password: true },
      at: now,
    });
    return { id: user.id, email: user.email, name: user.name };
  });
}
