import fs from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, test } from "vitest";
import { z, type ZodType } from "zod";
import * as catchAll from "@/app/api/v1/[...path]/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import type { ApiRoute } from "@/src/http/api-route";
import { API_ROUTES } from "@/src/http/routes";
import { call } from "../support/http";

const API_DIR = path.resolve("app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Every route file under app/api/v1 (but the catch-all), with the path its folder spells. */
function routeFiles(dir = API_DIR): { file: string; apiPath: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("[...") ? [] : routeFiles(full);
    if (entry.name !== "route.ts") return [];
    const segments = path.relative(API_DIR, dir).split(path.sep).filter(Boolean);
    return [{ file: full, apiPath: `/api/v1${segments.map((s) => `/${s.replace(/^\[(\w+)\]$/, "{$1}")}`).join("")}` }];
  });
}

/** Every handler the route files export, by method and the path of its folder. */
async function exportedHandlers() {
  const found: { method: string; apiPath: string; handler: ApiRoute }[] = [];
  for (const { file, apiPath } of routeFiles()) {
    const mod = (await import(file)) as Record<string, ApiRoute>;
    for (const [method, handler] of Object.entries(mod)) found.push({ method, apiPath, handler });
  }
  return found;
}

const documentOf = async () => (await call(openapi.GET)).body;

test("the lists that also answer CSV document text/csv beside their JSON, and only they", async () => {
  const paths = (await documentOf()).paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
  const csv = Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => op.responses?.["200"]?.content?.["text/csv"])
      .map(([method]) => `${method.toUpperCase()} ${path}`),
  );
  expect(csv.sort()).toEqual(["GET /api/v1/audit", "GET /api/v1/metrics", "GET /api/v1/metrics/deals", "GET /api/v1/opportunities"]);
  expect(paths["/api/v1/opportunities"]!.get!.responses["200"]!.content).toEqual({
    "application/json": expect.anything(),
    "text/csv": { schema: { type: "string" } },
  });
});

test("the document is valid OpenAPI 3.1, by a standard validator", async () => {
  const document = await documentOf();
  expect(document.openapi).toBe("3.1.0");
  // The validator resolves references in place: give it a copy.
  await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
  // Validators and client generators for 3.0 refuse $id, and 3.1 reads it as a new base URI.
  expect(JSON.stringify(document)).not.toMatch(/"\$id"|"\$schema"|"\$defs"/);
});

describe("the document and the route files describe the same operations", () => {
  test("every export of a route file is a declared operation for that file's method and path", async () => {
    for (const { method, apiPath, handler } of await exportedHandlers()) {
      expect(METHODS, `${apiPath} exports ${method}`).toContain(method);
      expect(API_ROUTES, `${method} ${apiPath} is declared with apiRoute in src/http/routes`).toContain(handler);
      expect([handler.operation.method, `/api/v1${handler.operation.path}`]).toEqual([method, apiPath]);
    }
  });

  test("every declared operation is exported by a route file, once, and documented", async () => {
    const exported = (await exportedHandlers()).map((e) => e.handler);
    expect([...exported].sort(byPath)).toEqual([...API_ROUTES].sort(byPath));
    expect(new Set(exported).size).toBe(exported.length);
    const { paths } = await documentOf();
    const documented = Object.entries(paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(API_ROUTES.map(({ operation: op }) => `${op.method} /api/v1${op.path}`).sort());
  });
});

const byPath = (a: ApiRoute, b: ApiRoute) => `${a.operation.path} ${a.operation.method}`.localeCompare(`${b.operation.path} ${b.operation.method}`);

const idOf = (schema: ZodType) => z.globalRegistry.get(schema)?.id;

test("the schemas each handler validates with and answers with are the ones its operation documents", async () => {
  const { paths, components } = await documentOf();
  for (const { operation: op } of API_ROUTES) {
    const documented = paths[`/api/v1${op.path}`][op.method.toLowerCase()];
    const where = `${op.method} ${op.path}`;
    // The request and answer bodies are named schemas: client generators give them type names.
    for (const [schema, media] of [
      [op.body, documented.requestBody?.content["application/json"]],
      [op.form, documented.requestBody?.content["multipart/form-data"]],
      [op.response, documented.responses[String(op.status ?? 200)].content?.["application/json"]],
    ] as const) {
      if (!schema) continue;
      expect(idOf(schema), `${where}: its body and answer schemas have a .meta({ id })`).toBeDefined();
      expect(media.schema.$ref, where).toMatch(new RegExp(`^#/components/schemas/${idOf(schema)}(Input)?$`));
      expect(components.schemas).toHaveProperty(media.schema.$ref.split("/").at(-1));
    }
    const parameters = (documented.parameters as { name: string; in: string }[]).map((p) => `${p.in} ${p.name}`);
    expect(parameters, where).toEqual([
      ...Object.keys(op.params?.shape ?? {}).map((n) => `path ${n}`),
      ...Object.keys(op.query?.shape ?? {}).map((n) => `query ${n}`),
    ]);
  }
});

test("a request schema is documented as zod accepts it, an answer as zod produces it", async () => {
  const { paths, components } = await documentOf();
  const createUser = components.schemas.CreateUserRequest;
  expect(createUser.required).toEqual(["email", "name", "password", "role"]);
  expect(createUser.properties.role.enum).toEqual(["rep", "manager", "deal_desk", "admin"]);
  // Defaults make a request field optional; an answer always has it.
  expect(components.schemas.CreateOpportunityRequest.required).not.toContain("currency");
  expect(components.schemas.Opportunity.required).toContain("currency");
  const upload = paths["/api/v1/opportunities/{id}/files"].post.requestBody.content["multipart/form-data"].schema;
  expect(components.schemas[upload.$ref.split("/").at(-1)].properties.file).toMatchObject({ type: "string", format: "binary" });
  expect(paths["/api/v1/me"].get.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Me" });
});

test("each operation documents the refusals it can answer with", async () => {
  const { paths } = await documentOf();
  expect(paths["/api/v1/tokens"].post.responses["429"].description).toBe("RATE_LIMITED");
  const move = paths["/api/v1/opportunities/{id}/transitions"].post.responses;
  expect(move["422"].description).toBe("TRANSITION_NOT_ALLOWED or EXIT_CRITERIA_UNMET");
  expect(move["503"].description).toBe("UNAVAILABLE");
  expect(move["429"].description).toBe("RATE_LIMITED"); // invalid bearer tokens are throttled on every operation
  expect(move["401"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Error" });
  expect(paths["/api/v1/opportunities/{id}/files"].post.responses["415"].description).toBe("UNSUPPORTED_MEDIA_TYPE");
  expect(Object.keys(paths["/api/v1/openapi.json"].get.responses)).toEqual(["200"]);
});

test("writes document the refusal of a cross-site session (403) and JSON bodies the refusal of other types (415)", async () => {
  const { paths, components } = await documentOf();
  const create = paths["/api/v1/opportunities"].post.responses;
  expect([create["403"].description, create["415"].description]).toEqual(["FORBIDDEN", "UNSUPPORTED_MEDIA_TYPE"]);
  expect(paths["/api/v1/outbox/{id}/retry"].post.responses["403"].description).toBe("FORBIDDEN");
  expect(paths["/api/v1/me"].get.responses).not.toHaveProperty("403");
  // Token creation takes no cookie, but its JSON body must say it is JSON.
  expect(paths["/api/v1/tokens"].post.responses).not.toHaveProperty("403");
  expect(paths["/api/v1/tokens"].post.responses["415"].description).toBe("UNSUPPORTED_MEDIA_TYPE");
  expect(components.securitySchemes.session.description).toMatch(/Sec-Fetch-Site/);
});

test("an unknown API path is a JSON 404, for any method", async () => {
  for (const handler of [catchAll.GET, catchAll.POST, catchAll.DELETE]) {
    const res = await call(handler, { path: "/api/v1/nope" });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: "NOT_FOUND", message: "No such endpoint." } });
  }
});
