import { AdminTokenList, AdminTokenResponse, TokenListQuery, TokenParams } from "../../schemas/tokens";
import { listApiTokens, revokeApiToken } from "../../server/tokens/admin-tokens";
import { apiRoute } from "../api-route";

const tag = "Access";

export const listTokensRoute = apiRoute(
  {
    method: "GET",
    path: "/tokens",
    summary: "Every user's API tokens, newest first, with their owner, last use and expiry; filters userId and status (admin).",
    tag,
    query: TokenListQuery,
    response: AdminTokenList,
    errors: ["FORBIDDEN"],
  },
  async ({ actor, query }) => listApiTokens(actor, query),
);

export const revokeTokenRoute = apiRoute(
  {
    method: "DELETE",
    path: "/tokens/{id}",
    summary: "Revoke any user's API token: it answers 401 from its next request. Revoking a revoked token changes nothing (admin).",
    tag,
    params: TokenParams,
    response: AdminTokenResponse,
    errors: ["FORBIDDEN", "NOT_FOUND"],
  },
  async ({ actor, params }) => revokeApiToken(actor, params.id),
);
