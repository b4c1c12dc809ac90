import type { User } from "../../generated/prisma/client";
import type { UserResponse } from "../../schemas/users";

export const toUserResponse = (u: User): UserResponse => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  teamId: u.teamId,
  groups: u.groups,
  active: u.active,
  createdAt: u.createdAt.toISOString(),
});
