// Unknown API paths answer in the API's error shape rather than with an HTML page.
import { errorResponse } from "@/src/http/error-response";

const notFound = async () => errorResponse("NOT_FOUND", "No such endpoint.");

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
