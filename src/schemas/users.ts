import { z } from "zod";
import { DESK_GROUPS, hasDeskGroups, ROLES } from "../auth/permissions";
import { Email, Id, requiredName } from "./common";
import { NewPassword } from "./password";

export const CreateUserRequest = z
  .object({
    email: Email,
    name: requiredName(120),
    password: NewPassword,
    role: z.enum(ROLES),
    teamId: Id.nullish(),
    groups: z.array(z.enum(DESK_GROUPS)).max(3).optional(),
  })
  .superRefine((u, ctx) => {
    if (u.groups?.length && !hasDeskGroups(u.role))
      ctx.addIssue({ code: "custom", path: ["groups"], message: "only deal desk users belong to groups" });
    if (hasDeskGroups(u.role) && !u.groups?.length)
      ctx.addIssue({ code: "custom", path: ["groups"], message: "a deal desk user needs at least one group" });
  })
  .meta({ id: "CreateUserRequest" });
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const UserParams = z.object({ id: Id });

export const UpdateUserRequest = z
  .object({
    active: z.boolean().meta({ description: "false deactivates the user: their sessions end at once and their API tokens stop working." }),
  })
  .meta({ id: "UpdateUserRequest" });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const UserResponse = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    teamId: z.string().nullable(),
    groups: z.array(z.enum(DESK_GROUPS)),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: "User" });
export type UserResponse = z.infer<typeof UserResponse>;

export const CreateTeamRequest = z
  .object({
    name: requiredName(80),
    managerId: Id.nullish(),
    target: z.number().nonnegative().max(1e12).multipleOf(0.01).nullish(),
  })
  .meta({ id: "CreateTeamRequest" });
export type CreateTeamRequest = z.infer<typeof CreateTeamRequest>;

export const TeamResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    managerId: z.string().nullable(),
    approvalDeputyId: z
      .string()
      .nullable()
      .meta({ description: "Decides for the sales manager group in the manager's place, when an admin names one." }),
    target: z.number().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "Team" });
export type TeamResponse = z.infer<typeof TeamResponse>;

export const UserList = z.object({ items: z.array(UserResponse) }).meta({ id: "UserList" });
export const TeamList = z.object({ items: z.array(TeamResponse) }).meta({ id: "TeamList" });
