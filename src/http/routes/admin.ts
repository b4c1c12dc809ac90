import {
  CreateTeamRequest,
  CreateUserRequest,
  TeamList,
  TeamResponse,
  UpdateUserRequest,
  UserList,
  UserParams,
  UserResponse,
} from "../../schemas/users";
import { createTeam, listTeams } from "../../server/teams/create-team";
import { createUser, listUsers } from "../../server/users/create-user";
import { setUserActive } from "../../server/users/set-user-active";
import { apiRoute } from "../api-route";

const tag = "Administration";

export const listUsersRoute = apiRoute(
  { method: "GET", path: "/users", summary: "Every user (admin).", tag, response: UserList, errors: ["FORBIDDEN"] },
  async ({ actor }) => listUsers(actor),
);

export const createUserRoute = apiRoute(
  {
    method: "POST",
    path: "/users",
    summary: "Create a user (admin).",
    tag,
    body: CreateUserRequest,
    response: UserResponse,
    status: 201,
    errors: ["FORBIDDEN", "CONFLICT"],
  },
  async ({ actor, body }) => createUser(actor, body),
);

export const updateUserRoute = apiRoute(
  {
    method: "PATCH",
    path: "/users/{id}",
    summary: "Deactivate or reactivate a user (admin). Deactivating ends the user's sessions at once.",
    tag,
    params: UserParams,
    body: UpdateUserRequest,
    response: UserResponse,
    errors: ["FORBIDDEN", "NOT_FOUND"],
  },
  async ({ actor, params, body }) => setUserActive(actor, params.id, body.active),
);

export const listTeamsRoute = apiRoute(
  { method: "GET", path: "/teams", summary: "Every team (admin).", tag, response: TeamList, errors: ["FORBIDDEN"] },
  async ({ actor }) => listTeams(actor),
);

export const createTeamRoute = apiRoute(
  {
    method: "POST",
    path: "/teams",
    summary: "Create a team (admin).",
    tag,
    body: CreateTeamRequest,
    response: TeamResponse,
    status: 201,
    errors: ["FORBIDDEN", "CONFLICT"],
  },
  async ({ actor, body }) => createTeam(actor, body),
);
