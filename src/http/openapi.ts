// Builds /api/v1/openapi.json from OPERATIONS: the schemas that validate requests describe them.
import { z, type ZodType } from "zod";
import { STATUS } from "../errors";
import { ErrorResponse } from "../schemas/common";
import { OPERATIONS, type Operation } from "../schemas/operations";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const options = { target: "openapi-3.0", unrepresentable: "any", io: "input" } as const;

function schemaOf(schema: ZodType) {
  const id = z.globalRegistry.get(schema)?.id;
  return id ? ref(id) : z.toJSONSchema(schema, options);
}

function parameters(op: Operation) {
  const list = (where: "path" | "query", obj?: z.ZodObject) =>
    Object.entries(obj?.shape ?? {}).map(([name, s]) => ({
      name,
      in: where,
      required: where === "path" || !(s as ZodType).safeParse(undefined).success,
      schema: z.toJSONSchema(s as ZodType, options),
    }));
  return [...list("path", op.params), ...list("query", op.query)];
}

function operation(op: Operation) {
  const responses: Record<string, unknown> = {
    [String(op.status ?? 200)]: {
      description: "Success",
      ...(op.response ? { content: { "application/json": { schema: schemaOf(op.response) } } } : {}),
    },
  };
  for (const code of op.errors)
    responses[String(STATUS[code])] = {
      description: code,
      content: { "application/json": { schema: ref("Error") } },
    };
  return {
    summary: op.summary,
    tags: [op.tag],
    operationId: `${op.method}${op.path.replace(/[{}]/g, "").replace(/[/.-](\w)/g, (_, c: string) => c.toUpperCase())}`,
    security: op.auth === false ? [] : [{ bearer: [] }, { session: [] }],
    parameters: parameters(op),
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(op.body) } } } } : {}),
    ...(op.multipart
      ? { requestBody: { required: true, content: { "multipart/form-data": { schema: schemaOf(op.multipart) } } } }
      : {}),
    responses,
  };
}

export function openApiDocument() {
  void ErrorResponse; // registered in the global registry by importing it
  const components = z.toJSONSchema(z.globalRegistry, { ...options, uri: (id) => ref(id).$ref });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) (paths[`/api/v1${op.path}`] ??= {})[op.method] = operation(op);
  return {
    openapi: "3.0.3",
    info: {
      title: "Stageline API",
      version: "1",
      description: "Opportunities, stages and exit criteria. Money is `amount` in major units; dates are ISO 8601.",
    },
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A token from POST /api/v1/tokens." },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
    },
  };
}
