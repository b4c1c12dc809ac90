import { z } from "zod";
import { DESK_GROUPS, hasDeskGroups, ROLES } from "../auth/permissions";
import { Email, Id, requiredName } from "./common";
import { NewPassword } from "./password";

export const USER_STATUSES = ["active", "invited", "deactivated"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

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
export const TeamParams = z.object({ id: Id });

/** Groups agree with the role: a deal desk user is in one to three, anyone else in none. */
function groupsAgree(u: { role?: (typeof ROLES)[number]; groups?: readonly string[] }, ctx: z.RefinementCtx) {
  if (!u.role) return;
  if (u.groups?.length && !hasDeskGroups(u.role))
    ctx.addIssue({ code: "custom", path: ["groups"], message: "only deal desk users belong to groups" });
  if (hasDeskGroups(u.role) && !u.groups?.length)
    ctx.addIssue({ code: "custom", path: ["groups"], message: "a deal desk user needs at least one group" });
}

export const InviteUserRequest = z
  .object({
    email: Email,
    name: requiredName(120),
    role: z.enum(ROLES),
    teamId: Id.nullish(),
    groups: z.array(z.enum(DESK_GROUPS)).max(3).optional(),
  })
  .superRefine(groupsAgree)
  .meta({ id: "InviteUserRequest" });
export type InviteUserRequest = z.infer<typeof InviteUserRequest>;

export const UpdateUserRequest = z
  .object({
    active: z.boolean().optional().meta({ description: "false deactivates the user: their sessions end at once and their API tokens stop working." }),
    role: z.enum(ROLES).optional(),
    teamId: Id.nullable().optional().meta({ description: "The user's team; null for none." }),
    groups: z
      .array(z.enum(DESK_GROUPS))
      .max(3)
      .optional()
      .meta({ description: "Deal desk groups: one to three for a deal desk user, none for anyone else. Required when the role becomes deal desk." }),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: "nothing to change" })
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
    status: z.enum(USER_STATUSES).meta({ description: "active; invited (has not yet set a password through their invitation); deactivated." }),
    lastSignInAt: z.string().nullable().meta({ description: "The latest sign-in with a password, when known." }),
    createdAt: z.string(),
  })
  .meta({ id: "User" });
export type UserResponse = z.infer<typeof UserResponse>;

export const UserListQuery = z.object({
  role: z.enum(ROLES).optional(),
  teamId: Id.optional(),
  status: z.enum(USER_STATUSES).optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const InvitationResponse = z
  .object({
    user: UserResponse,
    expiresAt: z.string().meta({ description: "When the link stops working: 72 hours after it was sent." }),
  })
  .meta({ id: "Invitation" });
export type InvitationResponse = z.infer<typeof InvitationResponse>;

export const ReassignDealsRequest = z
  .object({
    toUserId: Id.meta({ description: "An active user who may own deals." }),
    opportunityIds: z.array(Id).min(1).max(500).optional().meta({ description: "Which of the user's open deals; all of them when absent." }),
  })
  .meta({ id: "ReassignDealsRequest" });
export type ReassignDealsRequest = z.infer<typeof ReassignDealsRequest>;

export const OpenDeal = z
  .object({
    id: z.string(),
    name: z.string(),
    accountName: z.string(),
    stageName: z.string(),
    amount: z.number(),
    currency: z.string(),
    version: z.number(),
  })
  .meta({ id: "OpenDealOfUser" });
export type OpenDeal = z.infer<typeof OpenDeal>;
export const OpenDealList = z.object({ items: z.array(OpenDeal) }).meta({ id: "OpenDealList" });
export const ReassignDealsResponse = z
  .object({ reassigned: z.array(z.string()).meta({ description: "The ids of the deals given to the new owner." }) })
  .meta({ id: "ReassignDealsResponse" });
export type ReassignDealsResponse = z.infer<typeof ReassignDealsResponse>;

export const UpdateTeamRequest = z
  .object({
    name: requiredName(80).optional(),
    managerId: Id.nullable().optional().meta({ description: "An active user with the manager role; null for none." }),
  })
  .refine((t) => t.name !== undefined || t.managerId !== undefined, { message: "nothing to change" })
  .meta({ id: "UpdateTeamRequest" });
export type UpdateTeamRequest = z.infer<typeof UpdateTeamRequest>;

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
    memberCount: z.number().int().optional().meta({ description: "Active and invited members (in the list)." }),
    createdAt: z.string(),
  })
  .meta({ id: "Team" });
export type TeamResponse = z.infer<typeof TeamResponse>;

export const UserList = z.object({ items: z.array(UserResponse) }).meta({ id: "UserList" });
export const TeamList = z.object({ items: z.array(TeamResponse) }).meta({ id: "TeamList" });
