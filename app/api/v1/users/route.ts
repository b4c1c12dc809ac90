import { apiRoute } from "@/src/http/api-route";
import { CreateUserRequest } from "@/src/schemas/users";
import { createUser, listUsers } from "@/src/server/users/create-user";

export const GET = apiRoute({}, async ({ actor }) => listUsers(actor));

export const POST = apiRoute({ body: CreateUserRequest, status: 201 }, async ({ actor, body }) => createUser(actor, body));
