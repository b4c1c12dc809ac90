import { z } from "zod";
import { NewPassword } from "../../schemas/password";

export const ChangePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "enter your current password").max(1024),
    newPassword: NewPassword,
    confirmPassword: z.string().max(1024),
  })
  .superRefine((input, ctx) => {
    if (input.confirmPassword !== input.newPassword)
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "does not match the new password" });
    if (input.newPassword === input.currentPassword)
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "must differ from your current password" });
  });
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;
