// The welcome e-mail goes to the deal's customer contact. A deal won without one gets it from the
// checklist: the one change to the buying group a won deal takes (docs/rules/closing.md). The rest
// of the group stays as it was when the deal closed.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors";
import { fieldProblems } from "../../http/error-response";
import type { ChecklistResponse } from "../../schemas/closing";
import { Email, requiredName, text } from "../../schemas/common";
import { newId } from "../ids";
import { changeWonDeal } from "./change-won-deal";

export const CustomerContactInput = z.object({ name: requiredName(120), email: Email, title: text(120).default("") }).strict();
export type CustomerContactInput = z.input<typeof CustomerContactInput>;

export async function addCustomerContact(
  actor: Actor,
  opportunityId: string,
  input: CustomerContactInput,
  { now = new Date(), env = process.env }: { now?: Date; env?: Record<string, string | undefined> } = {},
): Promise<ChecklistResponse> {
  const parsed = CustomerContactInput.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", "The contact is not valid.", { fields: fieldProblems(parsed.error) });
  const contact = parsed.data;
  return changeWonDeal(
    actor,
    opportunityId,
    ({ tx, row }) => {
      const describe = (c: { name: string; role: string }) => `${c.name} (${c.role})`;
      const added = { name: contact.name, role: "customer_contact" };
      return {
        write: async () => {
          await tx
            .insertInto("OpportunityContact")
            .values({
              id: newId(),
              opportunityId,
              name: contact.name,
              email: contact.email,
              title: contact.title,
              role: "customer_contact",
              createdAt: now,
            })
            .execute();
        },
        history: [
          {
            type: "field_changed",
            details: { changes: { contacts: { from: row.contacts.map(describe), to: [...row.contacts.map(describe), describe(added)] } } },
          },
        ],
      };
    },
    { now, env, notWon: (status) => new AppError("CONFLICT", "Only a won deal takes a customer contact from its checklist.", { status }) },
  );
}
