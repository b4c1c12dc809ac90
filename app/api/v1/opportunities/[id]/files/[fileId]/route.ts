import { downloadFileRoute } from "@/src/http/routes/files";

export const GET = downloadFileRoute;
