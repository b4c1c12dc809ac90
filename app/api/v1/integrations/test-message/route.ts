import { sendTestMessageRoute } from "@/src/http/routes/integrations";

export const POST = sendTestMessageRoute;
