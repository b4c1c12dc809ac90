import { z } from "zod";
import { DESK_GROUPS, ROLES } from "../auth/permissions";
import { nameText } from "./common";

export const TokenRequest = z
  .object({
    email: z.string().max(254),
    password: z.string().max(1024),
    name: nameText(100).optional(),
  })
  .meta({ id: "TokenRequest" });
export type TokenRequest = z.infer<typeof TokenRequest>;

export const TokenResponse = z.object({ token: z.string() }).meta({ id: "TokenResponse" });

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
