import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { hashPassword } from "../../auth/password";
import { AppError } from "../../errors";
import type { CreateUserRequest, UserResponse } from "../../schemas/users";
import { db } from "../db";
import { toUserResponse } from "./user-response";

export async function createUser(actor: Actor, input: CreateUserRequest): Promise<UserResponse> {
  assertCan(actor, "users.manage");
  const passwordHash = await hashPassword(input.password); // slow: done before the transaction
  return db().$transaction(async (tx) => {
    if (input.teamId && !(await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true } })))
      throw new AppError("VALIDATION_FAILED", "The team does not exist.", {
        fields: [{ field: "teamId", message: "no such team" }],
      });
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } }))
      throw new AppError("CONFLICT", "A user with this email already exists.", { field: "email" });
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        passwordHash,
        role: input.role,
        teamId: input.teamId ?? null,
        groups: input.groups ?? [],
      },
    });
    return toUserResponse(user);
  });
}

export async function listUsers(actor: Actor): Promise<{ items: UserResponse[] }> {
  assertCan(actor, "users.manage");
  const users = await db().user.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }] });
  return { items: users.map(toUserResponse) };
}
