import { replaceContactsRoute } from "@/src/http/routes/contacts-and-plan";

export const PUT = replaceContactsRoute;
