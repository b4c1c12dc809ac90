import { listRemindersRoute } from "@/src/http/routes/plays";

export const GET = listRemindersRoute;
