import { draftProblemsRoute } from "@/src/http/routes/process";

export const GET = draftProblemsRoute;
