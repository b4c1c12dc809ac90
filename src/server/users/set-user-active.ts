import { sql } from "kysely";
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import type { DeskGroup } from "../../auth/permissions";
import { endUserSessions } from "../../auth/user-sessions";
import { AppError, notFound } from "../../errors";
import type { UserResponse } from "../../schemas/users";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database } from "../db";
import { logSecurityEvent } from "../security/security-log";
import { toUserResponse } from "./user-response";

/**
 * Deactivates or reactivates a user. Deactivating ends their sessions in the same transaction, so
 * that reactivating later does not bring an old cookie back; their API tokens stop working because
 * every token check requires an active user, and work again if they are reactivated.
 */
export async function setUserActive(actor: Actor, userId: string, active: boolean, now = new Date()): Promise<UserResponse> {
  assertCan(actor, "users.manage");
  // An admin who deactivated themselves could leave no one to undo it.
  if (!active && userId === actor.id)
    throw new AppError("VALIDATION_FAILED", "You cannot deactivate yourself.", {
      fields: [{ field: "active", message: "you cannot deactivate yourself" }],
    });
  const { user, endedSessions } = await database().transaction(async (tx) => {
    const was = await tx.selectFrom("User").select("active").where("id", "=", userId).forUpdate().executeTakeFirst();
    const user = await tx
      .updateTable("User")
      .set({ active, updatedAt: now })
      .where("id", "=", userId)
      .returning(["id", "email", "name", "role", "teamId", "active", "createdAt"])
      .returning(sql<DeskGroup[]>`"groups"::text[]`.as("groups"))
      .executeTakeFirst();
    if (!user) throw notFound("User");
    if (was && was.active !== active)
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: active ? "user.reactivated" : "user.deactivated",
        object: { type: "user", id: userId },
        before: { email: user.email, active: was.active },
        after: { email: user.email, active },
      });
    // An open invitation's link closes with the user, and stays closed if they come back: resend it then.
    if (!active)
      await tx
        .updateTable("UserInvitation")
        .set({ revokedAt: now })
        .where("userId", "=", userId)
        .where("acceptedAt", "is", null)
        .where("revokedAt", "is", null)
        .execute();
    return { user, endedSessions: active ? 0 : await endUserSessions(tx, userId) };
  });
  if (!active) logSecurityEvent("session.ended", { userId, detail: { reason: "deactivated", by: actor.id, endedSessions } }, now);
  return toUserResponse(user);
}
