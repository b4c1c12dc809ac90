import { z } from "zod";
import { CURRENCY_CODES } from "../domain/money";
import { stripBidiControls, unstorableReason, webUrl } from "../domain/text";
import { STATUS } from "../errors";

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(STATUS) as [keyof typeof STATUS, ...(keyof typeof STATUS)[]]),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "Error" });

/** Trimmed text with a length limit: every free-text field of the API. */
export const text = (max: number) => z.string().trim().max(max);
export const requiredText = (max: number) => z.string().trim().min(1, "required").max(max);

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email("not a valid email address"));

export const Id = z.string().min(1).max(64);

/**
 * A list's paging parameters, the same on every paged list: `limit` 1–200 (50 by default), and the
 * `nextCursor` of the previous page passed back as `cursor` (docs/rules/api-conventions.md#ids-and-lists).
 */
export const PageQuery = {
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

/**
 * A name people type and others read (a deal, an account, a contact, a user, a team, a token, a
 * plan step's owner): trimmed text without bidirectional formatting characters, which are removed
 * (src/domain/text.ts says which and why).
 */
export const nameText = (max: number, tooLong?: string) =>
  z
    .string()
    // Also checked here, not only at the API's door: forms read by server actions reach these schemas directly.
    .superRefine((text, ctx) => {
      const reason = unstorableReason(text);
      if (reason) ctx.addIssue({ code: "custom", message: reason, abort: true });
    })
    .overwrite(stripBidiControls)
    .trim()
    .max(max, tooLong);
export const requiredName = (max: number) => nameText(max).min(1, "required");

/** Every currency the API reads: an ISO 4217 code in use, upper case. */
export const Currency = z
  .enum(CURRENCY_CODES as [string, ...string[]], { error: "an ISO 4217 currency code, such as USD or EUR" })
  .meta({ example: "USD" });

/**
 * A link given as evidence: an http or https address, stored as the browser would follow it; empty
 * for none. Any other scheme (javascript:, data:, vbscript:…) is refused, however it is spelled.
 */
export const EvidenceUrl = z
  .string()
  .overwrite((value) => (value.trim() === "" ? "" : (webUrl(value) ?? value)))
  .max(2000)
  .refine((value) => value === "" || webUrl(value) === value, "a web address starting with http:// or https://")
  .meta({ format: "uri", example: "https://crm.example.com/notes/42" });
