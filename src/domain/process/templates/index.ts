import type { ProcessDefinition } from "../types";
import { CUSTOMER_LIFECYCLE } from "./customer-lifecycle";
import { SIX_STEPS } from "./six-steps";
import { STANDARD_B2B } from "./standard-b2b";

export { STANDARD_B2B };

/** The processes shipped with the product; Standard B2B, the default, comes first. */
export const PROCESS_TEMPLATES: readonly ProcessDefinition[] = [STANDARD_B2B, CUSTOMER_LIFECYCLE, SIX_STEPS];

export function findTemplate(key: string): ProcessDefinition | null {
  return PROCESS_TEMPLATES.find((t) => t.key === key) ?? null;
}
