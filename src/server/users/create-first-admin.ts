// The first admin of a database without demo data: made from the command line (npm run
// create-admin), with a password generated here and shown once, so no known password ever exists.
import crypto from "node:crypto";
import { sql } from "kysely";
import { type DeskGroup, FIRST_USER_ROLE } from "../../auth/permissions";
import { hashPassword } from "../../auth/password";
import { AppError } from "../../errors";
import { requiredName } from "../../schemas/common";
import type { Database } from "../db";
import { recordAudit } from "../audit/record-audit";
import { newId } from "../ids";

export async function createFirstAdmin(database: Database, input: { email: string; name: string }): Promise<{ id: string; password: string }> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AppError("VALIDATION_FAILED", `"${input.email}" is not an e-mail address.`);
  const name = requiredName(120).safeParse(input.name);
  if (!name.success) throw new AppError("VALIDATION_FAILED", "A name of 1 to 120 characters is required.");
  const password = crypto.randomBytes(18).toString("base64url");
  const passwordHash = await hashPassword(password); // slow: before the transaction
  return database.transaction(async (tx) => {
    if (await tx.selectFrom("User").select("id").where("email", "=", email).executeTakeFirst())
      throw new AppError("CONFLICT", `A user with the e-mail ${email} already exists.`);
    const id = newId();
    const now = new Date();
    await tx
      .insertInto("User")
      .values({
        id,
        email,
        name: name.data,
        role: FIRST_USER_ROLE,
        groups: sql<DeskGroup[]>`'{}'::"DeskGroup"[]`,
        passwordHash,
        mustChangePassword: true, // it was printed: someone else may have seen it
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    // Made on the server's command line, by whoever runs it: the entry names the new admin, and how.
    await recordAudit(tx, {
      actor: { id, email },
      action: "user.created",
      object: { type: "user", id },
      after: {
        id,
        email,
        name: name.data,
        role: FIRST_USER_ROLE,
        teamId: null,
        groups: [],
        active: true,
        password: true,
        via: "npm run create-admin",
      },
      clientAddress: null,
      at: now,
    });
    return { id, password };
  });
}
