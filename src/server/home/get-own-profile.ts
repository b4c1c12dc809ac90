import type { Actor } from "../../auth/actor";
import { db, type Reader } from "../db";

export type OwnProfile = { teamName: string | null; managedTeamNames: string[]; hasPassword: boolean };

/** What the settings page shows about the actor beyond the Actor itself: team names, and whether they have a password here (not only single sign-on). */
export async function getOwnProfile(actor: Actor, tx: Reader = db()): Promise<OwnProfile> {
  const user = await tx.user.findUnique({
    where: { id: actor.id },
    select: {
      team: { select: { name: true } },
      managedTeams: { select: { name: true }, orderBy: { name: "asc" } },
      passwordHash: true,
    },
  });
  return {
    teamName: user?.team?.name ?? null,
    managedTeamNames: user?.managedTeams.map((t) => t.name) ?? [],
    hasPassword: !!user?.passwordHash,
  };
}
