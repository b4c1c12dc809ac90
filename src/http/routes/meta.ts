import { z } from "zod";
import { apiRoute } from "../api-route";

const OpenApiDocument = z.looseObject({ openapi: z.string() }).meta({ id: "OpenApiDocument", description: "An OpenAPI 3.1 document." });

export const openApiRoute = apiRoute(
  { method: "GET", path: "/openapi.json", summary: "This document.", tag: "Meta", auth: false, response: OpenApiDocument },
  // Loaded on call: the document is built from every declaration, this one included.
  async () => (await import("../openapi")).openApiDocument(),
);
