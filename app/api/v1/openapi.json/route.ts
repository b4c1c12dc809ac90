import { openApiRoute } from "@/src/http/routes/meta";

export const GET = openApiRoute;
