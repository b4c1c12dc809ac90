import { sql } from "kysely";
import type { Actor } from "../../auth/actor";
import type { DeskGroup } from "../../auth/permissions";
import { assertCan } from "../../auth/authorize";
import { hashPassword } from "../../auth/password";
import { AppError } from "../../errors";
import type { CreateUserRequest, UserListQuery, UserResponse } from "../../schemas/users";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database } from "../db";
import { newId } from "../ids";
import { loadUsers, toUserResponse } from "./user-response";

export async function createUser(actor: Actor, input: CreateUserRequest): Promise<UserResponse> {
  assertCan(actor, "users.manage");
  const passwordHash = await hashPassword(input.password); // slow: done before the transaction
  return database().transaction(async (tx) => {
    if (input.teamId && !(await tx.selectFrom("Team").select("id").where("id", "=", input.teamId).executeTakeFirst()))
      throw new AppError("VALIDATION_FAILED", "The team does not exist.", {
        fields: [{ field: "teamId", message: "no such team" }],
      });
    if (await tx.selectFrom("User").select("id").where("email", "=", input.email).executeTakeFirst())
      throw new AppError("CONFLICT", "A user with this email already exists.", { field: "email" });
    const now = new Date();
    const user = await tx
      .insertInto("User")
      .values({
        id: newId(),
        email: input.email,
        name: input.name,
        passwordHash,
        role: input.role,
        teamId: input.teamId ?? null,
        groups: sql<DeskGroup[]>`CAST(${`{${(input.groups ?? []).join(",")}}`} AS "DeskGroup"[])`,
        createdAt: now,
        updatedAt: now,
      })
      .returning(["id", "email", "name", "role", "teamId", "active", "createdAt"])
      .returning(sql<DeskGroup[]>`"groups"::text[]`.as("groups"))
      .executeTakeFirstOrThrow();
    const { createdAt: _, status: __, lastSignInAt: ___, ...after } = toUserResponse(user);
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "user.created",
      object: { type: "user", id: user.id },
      after: { ...after, password: true },
    });
    return toUserResponse(user);
  });
}

export async function listUsers(actor: Actor, filter: UserListQuery = {}): Promise<{ items: UserResponse[] }> {
  assertCan(actor, "users.manage");
  return { items: await loadUsers(database().sql, filter) };
}
