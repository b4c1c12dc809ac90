// API bearer tokens: long random strings shown once, stored as a SHA-256 hash.
import crypto from "node:crypto";
import { sql } from "kysely";
import { compiledOnce } from "../server/compiled-once";
import { database, type Reader, type Sql } from "../server/db";
import type { Actor } from "./actor";
import type { DeskGroup } from "./permissions";
import { actorTeamIds } from "./load-actor";

const PREFIX = "stl_";

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function issueApiToken(
  tx: Reader,
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

/** The same as issueApiToken, in a write transaction (`tx`), so that what records it can share it. */
export async function insertApiToken(
  tx: Sql,
  userId: string,
  options: { name: string; expiresAt: Date | null; now: Date },
): Promise<{ id: string; token: string; prefix: string }> {
  const token = PREFIX + crypto.randomBytes(32).toString("base64url");
  const id = crypto.randomUUID();
  const prefix = token.slice(0, PREFIX.length + 6);
  await tx
    .insertInto("ApiToken")
    .values({ id, userId, name: options.name, tokenHash: hashToken(token), prefix, expiresAt: options.expiresAt, createdAt: options.now })
    .execute();
  return { id, token, prefix };
}

/** The token's active user and the teams they manage, in one statement. */
const tokenActorQuery = (q: Sql, tokenHash: string, now: Date) =>
  q
    .selectFrom("ApiToken as t")
    .innerJoin("User as u", "u.id", "t.userId")
    .select(["t.id as tokenId", "t.lastUsedAt", "u.id", "u.email", "u.name", "u.role", "u.teamId"])
    // An array of an enum type has no parser in the drivers: read it as text[].
    .select(sql<DeskGroup[]>`u."groups"::text[]`.as("groups"))
    .select(sql<string[]>`ARRAY(SELECT m."id" FROM "Team" m WHERE m."managerId" = u."id" ORDER BY m."id")`.as("managedTeamIds"))
    .where("t.tokenHash", "=", tokenHash)
    .where("t.revokedAt", "is", null)
    .where((eb) => eb.or([eb("t.expiresAt", "is", null), eb("t.expiresAt", ">", now)]))
    .where("u.active", "=", true)
    // Such a user cannot have made a token (create-api-token.ts); this keeps it so if one existed.
    .where("u.mustChangePassword", "=", false);

/** The statement, compiled once (exported for the benchmark). */
export const tokenActorStatement = compiledOnce(["tokenHash", "now"], (v) => tokenActorQuery(database().sql, v.tokenHash, v.now));

/**
 * The actor a bearer token stands for, or null if it is unknown, revoked or expired, or its user is
 * inactive. Every API call starts here, so token, user and managed teams are read in one statement.
 */
export async function findActorByToken(q: Sql, token: string, now = new Date()): Promise<Actor | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const [row] = (await q.executeQuery(tokenActorStatement({ tokenHash: hashToken(token), now }))).rows;
  if (!row) return null;
  // Recording use is best effort and at most once a minute, to keep reads cheap.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await q
      .updateTable("ApiToken")
      .set({ lastUsedAt: now })
      .where("id", "=", row.tokenId)
      .execute()
      .catch(() => undefined);
  }
  const { tokenId: _token, lastUsedAt: _used, managedTeamIds, ...user } = row;
  return { ...user, teamIds: actorTeamIds(user, managedTeamIds) };
}
