// Every user's API tokens as the admin lists and revokes them (docs/rules/access.md).
import { z } from "zod";
import { Id, PageQuery } from "./common";

export const TOKEN_STATUSES = ["active", "expired", "revoked"] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

export const TokenListQuery = z.object({
  userId: Id.optional(),
  status: z.enum(TOKEN_STATUSES, { error: `one of ${TOKEN_STATUSES.join(", ")}` }).optional(),
  ...PageQuery,
});
export type TokenListQuery = z.infer<typeof TokenListQuery>;

export const TokenParams = z.object({ id: Id });

export const AdminTokenResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    /** The token's first characters: the token itself is never kept. */
    prefix: z.string(),
    owner: z.object({ id: z.string(), name: z.string(), email: z.string(), active: z.boolean() }),
    status: z.enum(TOKEN_STATUSES),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: "AdminToken" });
export type AdminTokenResponse = z.infer<typeof AdminTokenResponse>;

export const AdminTokenList = z.object({ items: z.array(AdminTokenResponse), nextCursor: z.string().nullable() }).meta({ id: "AdminTokenList" });
export type AdminTokenList = z.infer<typeof AdminTokenList>;
