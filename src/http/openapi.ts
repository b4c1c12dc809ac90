// Builds /api/v1/openapi.json (OpenAPI 3.1) from the route declarations in ./routes: the schemas
// that validate each request and type each answer are the ones the document shows.
import { z, type ZodType } from "zod";
import { STATUS, type ErrorCode } from "../errors";
import { ErrorResponse } from "../schemas/common";
import type { Operation } from "./api-route";
import { API_ROUTES } from "./routes";

type Json = { [key: string]: unknown };
/** A request is described as zod accepts it (defaults optional), an answer as zod produces it. */
type Io = "input" | "output";

/** The component schemas met while describing operations, by zod id and direction. */
class Components {
  private readonly byId = new Map<string, Partial<Record<Io, string>>>();

  /** The JSON Schema of `schema`, its named parts moved to components and referenced. */
  describe(schema: ZodType, io: Io): Json {
    const { $schema, $defs, ...json } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, Json>)) {
      const seen = this.byId.get(id) ?? {};
      const text = JSON.stringify(def);
      if (seen[io] !== undefined && seen[io] !== text) throw new Error(`Two different schemas have the id ${id}.`);
      this.byId.set(id, { ...seen, [io]: text });
    }
    return tagRefs(json, io);
  }

  /** Where a schema is read both ways and the two differ, the request's version is `<id>Input`. */
  private name(id: string, io: Io): string {
    const seen = this.byId.get(id)!;
    return io === "input" && seen.output !== undefined && seen.output !== seen.input ? `${id}Input` : id;
  }

  resolve<T>(value: T): T {
    return JSON.parse(JSON.stringify(value), (_, v) =>
      typeof v === "string" && v.startsWith(REF) ? `#/components/schemas/${this.name(...untag(v))}` : v,
    );
  }

  schemas(): Json {
    const out: Json = {};
    for (const [id, seen] of [...this.byId].sort(([a], [b]) => a.localeCompare(b)))
      for (const io of ["output", "input"] as const) if (seen[io] !== undefined) out[this.name(id, io)] ??= tagRefs(JSON.parse(seen[io]), io);
    return this.resolve(out);
  }
}

// zod points references at `#/$defs/<id>`; they are marked with their direction until every schema
// has been met, then pointed at the component that direction reads.
const REF = "ref:";
const tagRefs = (json: Json, io: Io): Json =>
  JSON.parse(JSON.stringify(json), (key, v) =>
    key === "$ref" && typeof v === "string" && v.startsWith("#/$defs/") ? `${REF}${io}:${v.slice(8)}` : v,
  );
const untag = (tagged: string): [string, Io] => {
  const [io, ...id] = tagged.slice(REF.length).split(":");
  return [id.join(":"), io as Io];
};

function parameters(op: Operation, c: Components) {
  const list = (where: "path" | "query", obj?: z.ZodObject) =>
    Object.entries(obj?.shape ?? {}).map(([name, s]) => ({
      name,
      in: where,
      required: where === "path" || !(s as ZodType).safeParse(undefined).success,
      schema: c.describe(s as ZodType, "input"),
    }));
  return [...list("path", op.params), ...list("query", op.query)];
}

function requestBody(op: Operation, c: Components) {
  if (op.body) return { required: true, content: { "application/json": { schema: c.describe(op.body, "input") } } };
  if (op.form) return { required: true, content: { "multipart/form-data": { schema: c.describe(op.form, "input") } } };
  return undefined;
}

/** The refusals every operation of its kind can answer with, and the ones it declares. */
function errorCodes(op: Operation): ErrorCode[] {
  const codes = new Set<ErrorCode>(op.errors);
  // Authenticating reads the database, which may be busy; a client sending invalid bearer tokens is throttled.
  if (op.auth !== false) codes.add("UNAUTHENTICATED").add("RATE_LIMITED").add("UNAVAILABLE");
  // A write with the session cookie from outside the app's pages (src/http/cross-site.ts).
  if (op.auth !== false && op.method !== "GET") codes.add("FORBIDDEN");
  if (op.params || op.query || op.body || op.form) codes.add("VALIDATION_FAILED");
  if (op.body || op.form) codes.add("PAYLOAD_TOO_LARGE");
  if (op.body || op.form) codes.add("UNSUPPORTED_MEDIA_TYPE");
  return [...codes];
}

function responses(op: Operation, c: Components) {
  const success = op.file
    ? { description: "The file's bytes, under its own content type.", content: { "*/*": {} } }
    : {
        description: op.csv
          ? "Success: JSON, or CSV when the request's Accept header asks for text/csv"
          : op.progress
            ? "Success: JSON, or with Accept: application/x-ndjson one JSON line per step of progress, the result last"
            : "Success",
        ...(op.response
          ? {
              content: {
                "application/json": { schema: c.describe(op.response, "output") },
                ...(op.csv ? { "text/csv": { schema: { type: "string" } } } : {}),
                ...(op.progress ? { "application/x-ndjson": { schema: c.describe(op.progress, "output") } } : {}),
              },
            }
          : {}),
      };
  const out: Json = { [String(op.status ?? 200)]: success };
  if (op.mayCreate) out["201"] = { ...success, description: "Created" };
  const error = { "application/json": { schema: c.describe(ErrorResponse, "output") } };
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodes(op)) byStatus.set(STATUS[code], [...(byStatus.get(STATUS[code]) ?? []), code]);
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) out[String(status)] = { description: codes.join(" or "), content: error };
  return out;
}

function operation(op: Operation, c: Components) {
  const body = requestBody(op, c);
  return {
    operationId: `${op.method.toLowerCase()}${op.path.replace(/[{}]/g, "").replace(/[/.-](\w)/g, (_, ch: string) => ch.toUpperCase())}`,
    summary: op.summary,
    tags: [op.tag],
    security: op.auth === false ? [] : [{ bearer: [] }, { session: [] }],
    parameters: parameters(op, c),
    ...(body ? { requestBody: body } : {}),
    responses: responses(op, c),
  };
}

function buildDocument() {
  const c = new Components();
  const paths: Record<string, Json> = {};
  for (const { operation: op } of API_ROUTES) {
    const path = `/api/v1${op.path}`;
    paths[path] = { ...(paths[path] as Json | undefined), [op.method.toLowerCase()]: operation(op, c) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Stageline API",
      version: "1",
      description: "Opportunities, stages and exit criteria. Money is `amount` in major units; dates are ISO 8601.",
    },
    paths: c.resolve(paths),
    components: {
      schemas: c.schemas(),
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A token from POST /api/v1/tokens." },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description:
            "The browser session of the app's own pages, named `__Host-next-auth.session-token` when the app is served over HTTPS. A write (POST, PUT, PATCH, DELETE) with it is refused (403) unless the browser reports the app's own origin (Sec-Fetch-Site: same-origin, or Origin).",
        },
      },
    },
  };
}

let built: ReturnType<typeof buildDocument> | undefined;

/** The document; built once per process, as the declarations do not change while it runs. */
export function openApiDocument() {
  built ??= buildDocument();
  return built;
}
