// A close plan worked back from the decision date ("start with the end in mind", 002): each step
// has an owner, the rep or a named buyer, and a due date.
import { HOUR, addDays, dayOf } from "./demo-dates";
import type { PlannedContact, PlannedPlanStep } from "./demo-plan";
import type { ContactRole } from "../../generated/prisma/client";

/** Latest last: a longer plan starts further back from the decision date. */
const STEPS: readonly { title: string; owner: ContactRole | null; daysBefore: number }[] = [
  { title: "Security review signed off", owner: "technical_buyer", daysBefore: 28 },
  { title: "Business case approved by the economic buyer", owner: "champion", daysBefore: 21 },
  { title: "MSA and order form redlines agreed", owner: null, daysBefore: 14 },
  { title: "Order form signed", owner: "decision_maker", daysBefore: 3 },
  { title: "Implementation kick-off booked with the CSM", owner: null, daysBefore: 0 },
];

export function planCloseSteps(input: {
  createdAt: Date;
  steps: number;
  closeDate: Date;
  contacts: readonly PlannedContact[];
  /** Steps due by this day are done: the close, or now for an open deal. */
  until: Date;
}): PlannedPlanStep[] {
  const person = (role: ContactRole) => input.contacts.find((c) => c.role === role);
  const buyer = (role: ContactRole) => (person(role) ?? person("decision_maker") ?? input.contacts[0])?.name ?? null;
  const earliest = addDays(dayOf(input.createdAt), 1);
  return STEPS.slice(-Math.min(input.steps, STEPS.length)).map((step) => {
    const back = addDays(input.closeDate, -step.daysBefore);
    const dueDate = back < earliest ? earliest : back;
    const finished = new Date(Math.min(dueDate.getTime() + 15 * HOUR, input.until.getTime()));
    return {
      title: step.title,
      ownerName: step.owner ? buyer(step.owner) : null,
      dueDate,
      doneAt: dueDate <= dayOf(input.until) ? finished : null,
      createdAt: input.createdAt,
    };
  });
}
