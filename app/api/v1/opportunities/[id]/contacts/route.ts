import { apiRoute } from "@/src/http/api-route";
import { OpportunityParams, ReplaceContactsRequest } from "@/src/schemas/opportunities";
import { replaceContacts } from "@/src/server/opportunities/replace-contacts";

export const PUT = apiRoute({ params: OpportunityParams, body: ReplaceContactsRequest }, async ({ actor, params, body }) =>
  replaceContacts(actor, params.id, body),
);
