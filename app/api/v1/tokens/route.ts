import { clientAddress } from "@/src/auth/request-actor";
import { apiRoute } from "@/src/http/api-route";
import { TokenRequest } from "@/src/schemas/auth";
import { createApiToken } from "@/src/server/auth/create-api-token";

export const POST = apiRoute({ auth: false, body: TokenRequest, status: 201 }, async ({ body, req }) =>
  createApiToken({ ...body, clientAddress: clientAddress(req) }),
);
