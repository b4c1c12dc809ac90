import { apiRoute } from "@/src/http/api-route";
import { AttestRequest, CriterionParams } from "@/src/schemas/opportunities";
import { attestCriterion } from "@/src/server/opportunities/attest-criterion";

export const POST = apiRoute({ params: CriterionParams, body: AttestRequest }, async ({ actor, params, body }) =>
  attestCriterion(actor, params.id, params.key, body),
);
