import type { ActionError } from "@/src/http/action-result";
import { generalMessage } from "../_lib/problems";

/** A refusal no field of the form claims (a refused move lists its criteria instead): once, under the form. */
export function FormError({ error, claimed }: { error: ActionError | null | undefined; claimed: string[] }) {
  const message = error && error.code !== "EXIT_CRITERIA_UNMET" ? generalMessage(error, claimed) : undefined;
  return message ? (
    <p role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  ) : null;
}
