import { listFilesRoute, uploadFileRoute } from "@/src/http/routes/files";

export const GET = listFilesRoute;
export const POST = uploadFileRoute;
