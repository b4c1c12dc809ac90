import type { DeskGroup, Role } from "./permissions";

/** Who is calling, as every use case sees them: loaded fresh from the database on each request. */
export type Actor = {
  id: string;
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
  groups: DeskGroup[];
  /** Teams whose deals a manager oversees: their own team and every team they manage. */
  teamIds: string[];
  /** Present (true) while the user holds a one-time password: they may do nothing but choose their own. */
  mustChangePassword?: true;
};
