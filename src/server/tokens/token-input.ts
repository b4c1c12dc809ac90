import { z } from "zod";
import { nameText } from "../../schemas/common";

export const ApiTokenName = nameText(80, "Keep the name under 80 characters.").min(1, "Give the token a name, so you can tell it apart later.");

/** The lifetimes the settings page offers (its Expires select), in days; "never" makes a token that does not expire. */
const TOKEN_LIFETIMES = ["7", "30", "90", "365", "never"] as const;

export const CreateApiTokenInput = z.object({
  name: ApiTokenName,
  expiresIn: z.enum(TOKEN_LIFETIMES, "Choose when the token expires."),
});
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenInput>;

export const RevokeApiTokenInput = z.object({ tokenId: z.string().min(1).max(64) });
export type RevokeApiTokenInput = z.infer<typeof RevokeApiTokenInput>;
