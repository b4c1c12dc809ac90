import { z } from "zod";
import { MIN_PASSWORD_LENGTH, passwordProblem } from "../auth/password-strength";

/** A password being set (a new user's, a changed one): the one place its rules are applied. */
export const NewPassword = z
  .string()
  .max(1024)
  .superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .meta({
    description: `At least ${MIN_PASSWORD_LENGTH} characters, and not easy to guess: common and breached passwords, words, names and keyboard patterns are refused.`,
    minLength: MIN_PASSWORD_LENGTH,
  });
