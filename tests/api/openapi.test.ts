import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import * as catchAll from "@/app/api/v1/[...path]/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import { call } from "../support/http";

const API_DIR = path.resolve("app/api/v1");

/** Every (method, path) that a route file under app/api/v1 exports. */
function routes(dir = API_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("[...") ? [] : routes(full);
    if (entry.name !== "route.ts") return [];
    const apiPath = "/api/v1" + path.relative(API_DIR, dir).split(path.sep).map((s) => (s ? "/" + s.replace(/^\[(\w+)\]$/, "{$1}") : "")).join("");
    const methods = [...fs.readFileSync(full, "utf8").matchAll(/export const (GET|POST|PATCH|PUT|DELETE)\b/g)].map((m) => m[1]!);
    return methods.map((m) => `${m.toLowerCase()} ${apiPath}`);
  });
}

test("the OpenAPI document describes every route, and nothing else", async () => {
  const res = await call(openapi.GET);
  expect(res.status).toBe(200);
  expect(res.body.openapi).toBe("3.0.3");
  const documented = Object.entries(res.body.paths as Record<string, object>).flatMap(([p, ops]) =>
    Object.keys(ops).map((m) => `${m} ${p}`),
  );
  expect(documented.sort()).toEqual(routes().sort());
});

test("the document's schemas come from the request validators", async () => {
  const { body } = await call(openapi.GET);
  const createUser = body.components.schemas.CreateUserRequest;
  expect(createUser.required).toEqual(expect.arrayContaining(["email", "name", "password", "role"]));
  expect(createUser.properties.role.enum).toEqual(["rep", "manager", "deal_desk", "admin"]);
  expect(body.paths["/api/v1/tokens"].post.responses["429"]).toBeDefined();
  expect(body.paths["/api/v1/me"].get.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Me" });
  // Every $ref points at a schema that exists.
  const refs = [...JSON.stringify(body).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
  for (const r of refs) expect(body.components.schemas).toHaveProperty(r);
});

test("an unknown API path is a JSON 404, for any method", async () => {
  for (const handler of [catchAll.GET, catchAll.POST, catchAll.DELETE]) {
    const res = await call(handler, { path: "/api/v1/nope" });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: "NOT_FOUND", message: "No such endpoint." } });
  }
});
