import { z } from "zod";
import { DESK_GROUPS, ROLES } from "../auth/permissions";
import { nameText } from "./common";

export const TokenRequest = z
  .object({
    email: z.string().max(254),
    password: z.string().max(1024),
    name: nameText(100).optional(),
    expiresAt: z.iso
      .datetime({ offset: true, message: "an ISO 8601 date and time, e.g. 2027-01-31T00:00:00Z" })
      .optional()
      .meta({ description: "When the token stops working; it never expires if left out." }),
  })
  .meta({ id: "TokenRequest" });
export type TokenRequest = z.infer<typeof TokenRequest>;

export const TokenResponse = z
  .object({ token: z.string(), expiresAt: z.string().nullable().meta({ description: "null: the token does not expire." }) })
  .meta({ id: "TokenResponse" });

export const MeResponse = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    teamId: z.string().nullable(),
    groups: z.array(z.enum(DESK_GROUPS)),
  })
  .meta({ id: "Me" });
export type MeResponse = z.infer<typeof MeResponse>;
