// The kinds of things a sales process names (stages, forecast categories, files, contact roles), as
// plain lists: the pages' client code reads them without loading zod (src/domain/process/types.ts
// holds the schemas built from them).

export const STAGE_KINDS = ["open", "won", "lost"] as const;
export const FORECAST_CATEGORIES = ["pipeline", "best_case", "commit", "closed", "omitted"] as const;
export const FILE_KINDS = ["signed_contract", "order_form", "quote", "other"] as const;
export const CONTACT_ROLES = [
  "decision_maker",
  "economic_buyer",
  "champion",
  "influencer",
  "technical_buyer",
  "procurement",
  "legal",
  "user",
  "customer_contact",
] as const;

/** How a qualification question is answered on a deal. */
export const QUESTION_ANSWER_KINDS = ["text", "yes_no", "number", "date"] as const;

export type ContactRole = (typeof CONTACT_ROLES)[number];
export type FileKind = (typeof FILE_KINDS)[number];
export type QuestionAnswerKind = (typeof QUESTION_ANSWER_KINDS)[number];
