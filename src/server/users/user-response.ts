import type { DeskGroup, Role } from "../../auth/permissions";
import type { UserResponse } from "../../schemas/users";

type UserRow = { id: string; email: string; name: string; role: Role; teamId: string | null; groups: DeskGroup[]; active: boolean; createdAt: Date };

export const toUserResponse = (u: UserRow): UserResponse => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  teamId: u.teamId,
  groups: u.groups,
  active: u.active,
  createdAt: u.createdAt.toISOString(),
});
