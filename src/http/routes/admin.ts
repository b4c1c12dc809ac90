import {
  CreateTeamRequest,
  CreateUserRequest,
  InvitationResponse,
  InviteUserRequest,
  OpenDealList,
  ReassignDealsRequest,
  ReassignDealsResponse,
  TeamList,
  TeamParams,
  TeamResponse,
  UpdateTeamRequest,
  UpdateUserRequest,
  UserList,
  UserListQuery,
  UserParams,
  UserResponse,
} from "../../schemas/users";
import { createTeam, listTeams } from "../../server/teams/create-team";
import { updateTeam } from "../../server/teams/update-team";
import { createUser, listUsers } from "../../server/users/create-user";
import { inviteUser, resendInvitation } from "../../server/users/invitations";
import { listOpenDealsOf, reassignDeals } from "../../server/users/reassign-deals";
import { updateUser } from "../../server/users/update-user";
import { apiRoute } from "../api-route";

const tag = "Administration";

export const listUsersRoute = apiRoute(
  {
    method: "GET",
    path: "/users",
    summary: "Every user (admin), with their status and latest sign-in; filtered by role, team and status.",
    tag,
    query: UserListQuery,
    response: UserList,
    errors: ["FORBIDDEN"],
  },
  async ({ actor, query }) => listUsers(actor, query),
);

export const inviteUserRoute = apiRoute(
  {
    method: "POST",
    path: "/users/invitations",
    summary:
      "Invite a user (admin): created without a password, they are e-mailed a one-time link to choose one, valid 72 hours (and told they may use single sign-on where it is configured).",
    tag,
    body: InviteUserRequest,
    response: InvitationResponse,
    status: 201,
    errors: ["FORBIDDEN", "CONFLICT"],
  },
  async ({ actor, body }) => inviteUser(actor, body),
);

export const resendInvitationRoute = apiRoute(
  {
    method: "POST",
    path: "/users/{id}/invitation",
    summary: "Send an invited user a new link (admin); the previous link stops working.",
    tag,
    params: UserParams,
    response: InvitationResponse,
    errors: ["FORBIDDEN", "NOT_FOUND", "CONFLICT"],
  },
  async ({ actor, params }) => resendInvitation(actor, params.id),
);

export const openDealsOfUserRoute = apiRoute(
  {
    method: "GET",
    path: "/users/{id}/open-deals",
    summary: "A user's open deals (admin), to reassign them.",
    tag,
    params: UserParams,
    response: OpenDealList,
    errors: ["FORBIDDEN", "NOT_FOUND"],
  },
  async ({ actor, params }) => listOpenDealsOf(actor, params.id),
);

export const reassignDealsRoute = apiRoute(
  {
    method: "POST",
    path: "/users/{id}/reassign-deals",
    summary: "Give a user's open deals (all, or those listed) to another active user who may own deals (admin), in one transaction.",
    tag,
    params: UserParams,
    body: ReassignDealsRequest,
    response: ReassignDealsResponse,
    errors: ["FORBIDDEN", "NOT_FOUND", "VERSION_CONFLICT"],
  },
  async ({ actor, params, body }) => reassignDeals(actor, params.id, body),
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
    summary:
      "Change a user's role, team and deal desk groups, or deactivate or reactivate them (admin). Deactivating ends the user's sessions at once and their API tokens stop working.",
    tag,
    params: UserParams,
    body: UpdateUserRequest,
    response: UserResponse,
    errors: ["FORBIDDEN", "NOT_FOUND"],
  },
  async ({ actor, params, body }) => updateUser(actor, params.id, body),
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

export const updateTeamRoute = apiRoute(
  {
    method: "PATCH",
    path: "/teams/{id}",
    summary: "Rename a team or set its manager (admin).",
    tag,
    params: TeamParams,
    body: UpdateTeamRequest,
    response: TeamResponse,
    errors: ["FORBIDDEN", "NOT_FOUND", "CONFLICT"],
  },
  async ({ actor, params, body }) => updateTeam(actor, params.id, body),
);
