import { clientAddress } from "../../auth/request-actor";
import { MeResponse, TokenRequest, TokenResponse } from "../../schemas/auth";
import { createApiToken } from "../../server/auth/create-api-token";
import { requestId } from "../../server/security/security-log";
import { apiRoute } from "../api-route";

export const createTokenRoute = apiRoute(
  {
    method: "POST",
    path: "/tokens",
    summary: "Exchange an email and password for an API bearer token (rate limited).",
    tag: "Authentication",
    auth: false,
    body: TokenRequest,
    response: TokenResponse,
    status: 201,
    errors: ["UNAUTHENTICATED", "RATE_LIMITED", "UNAVAILABLE"],
  },
  async ({ body, req }) => createApiToken({ ...body, clientAddress: clientAddress(req), requestId: requestId(req), via: "token API" }),
);

export const meRoute = apiRoute(
  { method: "GET", path: "/me", summary: "The caller.", tag: "Authentication", response: MeResponse },
  async ({ actor: { id, email, name, role, teamId, groups } }) => ({ id, email, name, role, teamId, groups }),
);
