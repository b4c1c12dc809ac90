// Every user's API tokens, for admins (docs/rules/access.md): listed newest first with their owner,
// filtered by owner and status, and revoked. A revoked token answers 401 from its next request, as
// the actor is looked up on every request (src/auth/api-tokens.ts). Each revocation is in the
// audit log, by the admin, with the token's owner.
import { sql } from "kysely";
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { notFound } from "../../errors";
import type { AdminTokenList, AdminTokenResponse, TokenListQuery, TokenStatus } from "../../schemas/tokens";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database, type Sql } from "../db";
import { decodeCursor, pageOf } from "../list-cursor";

type Row = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  ownerId: string;
  ownerName: string;
  ownerEmail: string;
  ownerActive: boolean;
};

const statusOf = (row: Pick<Row, "revokedAt" | "expiresAt">, now: Date): TokenStatus =>
  row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt <= now ? "expired" : "active";

const toResponse = (row: Row, now: Date): AdminTokenResponse => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  owner: { id: row.ownerId, name: row.ownerName, email: row.ownerEmail, active: row.ownerActive },
  status: statusOf(row, now),
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  expiresAt: row.expiresAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

const tokens = (q: Sql) =>
  q
    .selectFrom("ApiToken as t")
    .innerJoin("User as u", "u.id", "t.userId")
    .select([
      "t.id",
      "t.name",
      "t.prefix",
      "t.createdAt",
      "t.lastUsedAt",
      "t.expiresAt",
      "t.revokedAt",
      "u.id as ownerId",
      "u.name as ownerName",
      "u.email as ownerEmail",
      "u.active as ownerActive",
    ]);

export async function listApiTokens(actor: Actor, query: TokenListQuery, now = new Date()): Promise<AdminTokenList> {
  assertCan(actor, "tokens.manage");
  let list = tokens(database().sql)
    .orderBy("t.createdAt", "desc")
    .orderBy("t.id", "desc")
    .limit(query.limit + 1);
  if (query.userId) list = list.where("t.userId", "=", query.userId);
  if (query.status === "revoked") list = list.where("t.revokedAt", "is not", null);
  if (query.status === "expired") list = list.where("t.revokedAt", "is", null).where("t.expiresAt", "<=", now);
  if (query.status === "active")
    list = list.where("t.revokedAt", "is", null).where((eb) => eb.or([eb("t.expiresAt", "is", null), eb("t.expiresAt", ">", now)]));
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    list = list.where(sql<boolean>`(t."createdAt", t."id") < (${at}, ${id})`);
  }
  const { page, nextCursor } = pageOf((await list.execute()) as Row[], query.limit, (r) => r);
  return { items: page.map((r) => toResponse(r, now)), nextCursor };
}

/** Revokes any user's token; revoking one already revoked changes nothing and is not recorded again. */
export async function revokeApiToken(actor: Actor, id: string, now = new Date()): Promise<AdminTokenResponse> {
  assertCan(actor, "tokens.manage");
  return database().transaction(async (tx) => {
    const token = (await tokens(tx).where("t.id", "=", id).forUpdate("t").executeTakeFirst()) as Row | undefined;
    if (!token) throw notFound("API token");
    if (token.revokedAt) return toResponse(token, now);
    await tx.updateTable("ApiToken").set({ revokedAt: now }).where("id", "=", id).execute();
    const owner = { id: token.ownerId, email: token.ownerEmail };
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "token.revoked",
      object: { type: "token", id },
      before: { name: token.name, prefix: token.prefix, owner, revokedAt: null },
      after: { name: token.name, prefix: token.prefix, owner, revokedAt: now.toISOString() },
      at: now,
    });
    return toResponse({ ...token, revokedAt: now }, now);
  });
}
