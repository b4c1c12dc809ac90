import type { Actor } from "../../auth/actor";
import { endUserSessions } from "../../auth/user-sessions";
import { database } from "../db";
import { logSecurityEvent } from "../security/security-log";

/** "Sign out everywhere": ends every session of the actor, this one included. */
export async function endOwnSessions(actor: Actor): Promise<{ endedSessions: number }> {
  const endedSessions = await endUserSessions(database().sql, actor.id);
  logSecurityEvent("session.ended", { userId: actor.id, detail: { reason: "sign_out_everywhere", endedSessions } });
  return { endedSessions };
}
