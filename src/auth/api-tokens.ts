// API bearer tokens: long random strings shown once, stored as a SHA-256 hash.
import crypto from "node:crypto";
import { Prisma } from "../generated/prisma/client";
import { sqlOn, type Queryable, type Tx } from "../server/db";
import type { Actor } from "./actor";
import { actorTeamIds } from "./load-actor";

const PREFIX = "stl_";

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function issueApiToken(
  tx: Tx,
  userId: string,
  options: { name?: string; expiresAt?: Date | null } = {},
): Promise<{ id: string; token: string }> {
  const token = PREFIX + crypto.randomBytes(32).toString("base64url");
  const row = await tx.apiToken.create({
    data: {
      userId,
      name: options.name ?? "API token",
      tokenHash: hashToken(token),
      prefix: token.slice(0, PREFIX.length + 6),
      expiresAt: options.expiresAt ?? null,
    },
  });
  return { id: row.id, token };
}

/** The token's active user and the teams they manage, in one statement (exported for the benchmark). */
export const tokenActorQuery = (tokenHash: string, now: Date) => Prisma.sql`
    SELECT t."id" AS "tokenId", t."lastUsedAt", u."id", u."email", u."name", u."role"::text AS "role",
           u."teamId", u."groups"::text[] AS "groups",
           ARRAY(SELECT m."id" FROM "Team" m WHERE m."managerId" = u."id" ORDER BY m."id") AS "managedTeamIds"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
    WHERE t."tokenHash" = ${tokenHash} AND t."revokedAt" IS NULL
      AND (t."expiresAt" IS NULL OR t."expiresAt" > ${now}) AND u."active"`;

type TokenActorRow = Omit<Actor, "teamIds"> & { tokenId: string; lastUsedAt: Date | null; managedTeamIds: string[] };

/**
 * The actor a bearer token stands for, or null if it is unknown, revoked or expired, or its user is
 * inactive. Every API call starts here, so token, user and managed teams are read in one statement
 * (on the driver itself when `tx` is the database's client: see sqlOn).
 */
export async function findActorByToken(tx: Queryable, token: string, now = new Date()): Promise<Actor | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const sql = sqlOn(tx);
  const [row] = await sql.query<TokenActorRow>(tokenActorQuery(hashToken(token), now));
  if (!row) return null;
  // Recording use is best effort and at most once a minute, to keep reads cheap.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await sql.execute(Prisma.sql`UPDATE "ApiToken" SET "lastUsedAt" = ${now} WHERE "id" = ${row.tokenId}`).catch(() => undefined);
  }
  const { tokenId: _token, lastUsedAt: _used, managedTeamIds, ...user } = row;
  return { ...user, teamIds: actorTeamIds(user, managedTeamIds) };
}
