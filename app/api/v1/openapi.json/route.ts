import { apiRoute } from "@/src/http/api-route";
import { openApiDocument } from "@/src/http/openapi";

export const GET = apiRoute({ auth: false }, async () => openApiDocument());
