// The demo's pending invitation (docs/rules/people.md#invitations): a new rep the demo admin invited
// the day before, who has not chosen a password yet. The e-mail is in the outbox as delivered (the
// demo sends nothing out), so an admin can see it there, open its link, or send a new one.
import crypto from "node:crypto";
import { sql } from "kysely";
import type { DeskGroup } from "../../auth/permissions";
import { recordAudit } from "../audit/record-audit";
import { appLink } from "../deal-desk/notifications";
import type { Tx } from "../db";
import { newId } from "../ids";
import { hashInvitationToken, INVITATION_HOURS, invitationEmail } from "../users/invitations";
import { DEMO_INVITEE } from "./demo-users";
import { DEMO_OFFICE_ADDRESS } from "./seed-audit";

export async function createDemoInvitation(tx: Tx, admin: { id: string; email: string; name: string }, now: Date): Promise<void> {
  const id = newId();
  const sent = new Date(now.getTime() - 20 * 3_600_000);
  const expiresAt = new Date(sent.getTime() + INVITATION_HOURS * 3_600_000);
  await tx
    .insertInto("User")
    .values({
      id,
      email: DEMO_INVITEE.email,
      name: DEMO_INVITEE.name,
      passwordHash: null,
      role: DEMO_INVITEE.role,
      teamId: null,
      groups: sql<DeskGroup[]>`'{}'::"DeskGroup"[]`,
      createdAt: sent,
      updatedAt: sent,
    })
    .execute();
  const token = crypto.randomBytes(32).toString("base64url");
  const invitationId = newId();
  await tx
    .insertInto("UserInvitation")
    .values({ id: invitationId, userId: id, tokenHash: hashInvitationToken(token), invitedById: admin.id, createdAt: sent, expiresAt })
    .execute();
  const messageId = newId();
  const delivered = new Date(sent.getTime() + 2_000);
  await tx
    .insertInto("OutboxMessage")
    .values({
      id: messageId,
      channel: "email",
      payload: JSON.stringify({ to: [DEMO_INVITEE.email], ...invitationEmail(DEMO_INVITEE, appLink(`/invite/${token}`), admin.name, null) }),
      idempotencyKey: `invitation:${invitationId}:email`,
      status: "delivered",
      attempts: 1,
      nextAttemptAt: sent,
      firstAttemptAt: sent,
      deliveredAt: delivered,
      createdAt: sent,
    })
    .execute();
  await tx
    .insertInto("OutboxAttempt")
    .values({ id: newId(), messageId, at: delivered, status: "delivered", responseCode: 250, error: null, durationMs: 88, worker: "demo" })
    .execute();
  await recordAudit(tx, {
    actor: { id: admin.id, email: admin.email },
    action: "user.invited",
    object: { type: "user", id },
    after: { id, email: DEMO_INVITEE.email, name: DEMO_INVITEE.name, role: DEMO_INVITEE.role, teamId: null, groups: [], active: true, expiresAt },
    clientAddress: DEMO_OFFICE_ADDRESS,
    at: sent,
  });
}
