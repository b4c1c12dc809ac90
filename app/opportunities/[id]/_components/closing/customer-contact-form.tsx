"use client";

// The welcome e-mail's recipient, added from the checklist when the won deal has none: a contact
// with the role Customer contact, a name and an e-mail address (the only contact a won deal takes).
import { useId, useState } from "react";
import { Button } from "@/src/ui/button";
import { Field, Input } from "@/src/ui/field";
import { PlusIcon } from "@/src/ui/icons";
import { generalMessage, problemFor } from "../../../_lib/problems";
import { useChecklistAction } from "./use-checklist-action";

const FIELDS = ["name", "email"] as const;

export function CustomerContactForm({ dealId, onSaid }: { dealId: string; onSaid: (said: string) => void }) {
  const id = useId();
  const [draft, setDraft] = useState({ name: "", email: "" });
  const [blank, setBlank] = useState<string[]>([]);
  const write = useChecklistAction(dealId);
  const problem = (field: (typeof FIELDS)[number]) => (blank.includes(field) ? "Required" : problemFor(write.error, `contact.${field}`));
  const other = generalMessage(
    write.error,
    FIELDS.map((f) => `contact.${f}`),
  );

  return (
    <form
      noValidate
      aria-label="Add the customer contact"
      className="mt-3 space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const contact = { name: draft.name.trim(), email: draft.email.trim() };
        const missing = FIELDS.filter((f) => !contact[f]);
        setBlank(missing);
        if (missing.length) return;
        write.addContact(contact, () => onSaid(`${contact.name} added as the customer contact.`));
      }}
    >
      <fieldset className="flex flex-wrap items-start gap-3" disabled={write.pending}>
        <legend className="sr-only">Customer contact</legend>
        {FIELDS.map((field) => (
          <Field
            key={field}
            id={`${id}-${field}`}
            label={field === "name" ? "Customer contact's name" : "E-mail"}
            error={problem(field)}
            className="min-w-44 flex-1"
          >
            <Input
              id={`${id}-${field}`}
              type={field === "email" ? "email" : "text"}
              autoComplete="off"
              value={draft[field]}
              onChange={(e) => setDraft((d) => ({ ...d, [field]: e.target.value }))}
              invalid={!!problem(field)}
              aria-describedby={problem(field) ? `${id}-${field}-help` : undefined}
            />
          </Field>
        ))}
      </fieldset>
      {other ? (
        <p id={`${id}-other`} role="alert" className="text-[13px] text-red-700">
          {other}
        </p>
      ) : null}
      <Button type="submit" size="sm" variant="secondary" disabled={write.pending} aria-describedby={other ? `${id}-other` : undefined}>
        <PlusIcon className="size-4" />
        {write.pending ? "Adding…" : "Add customer contact"}
      </Button>
    </form>
  );
}
