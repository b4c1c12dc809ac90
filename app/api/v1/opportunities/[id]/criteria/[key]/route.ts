import { attestCriterionRoute } from "@/src/http/routes/stage-moves";

export const POST = attestCriterionRoute;
