"use client";

// The buying group: who is involved and in what role (decision maker, champion…), which the
// contact-role exit criteria look at.
import { useState } from "react";
import type { OpportunityResponse } from "@/src/schemas/opportunities";
import { Badge } from "@/src/ui/badge";
import { Button } from "@/src/ui/button";
import { Card, CardEmptyRow } from "@/src/ui/card";
import { PlusIcon, TrashIcon, UsersIcon } from "@/src/ui/icons";
import { CONTACT_ROLE_LABELS } from "../../_lib/labels";
import { replaceDealContacts } from "../../_actions/deal-actions";
import { ContactForm } from "../../_kit/fixers/contact-form";
import { useDeal } from "./deal-context";

type Contact = OpportunityResponse["contacts"][number];

/** The contacts as the API takes them: the list is replaced whole. */
const contactInputs = (contacts: Contact[]) => contacts.map(({ name, email, title, role }) => ({ name, email, title, role }));

export function ContactsCard({ contacts }: { contacts: OpportunityResponse["contacts"] }) {
  const { canEdit, run, announce } = useDeal();
  const [adding, setAdding] = useState(false);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function remove(id: string, name: string) {
    setPending(id);
    const result = await run(replaceDealContacts, { contacts: contactInputs(contacts.filter((c) => c.id !== id)) });
    setPending(null);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    announce(`${name} removed.`);
  }

  return (
    <Card
      id="contacts"
      className="scroll-mt-24"
      title="Buying group"
      description="The people involved on the buyer's side."
      action={
        canEdit && !adding ? (
          <Button variant="secondary" size="sm" onClick={() => setAdding(true)}>
            <PlusIcon className="size-4" />
            Add contact
          </Button>
        ) : null
      }
      flush
    >
      {contacts.length === 0 ? (
        <CardEmptyRow icon={<UsersIcon />}>No contacts recorded yet.</CardEmptyRow>
      ) : (
        <ul className="divide-y divide-line">
          {contacts.map((c) => (
            <li key={c.id} className="flex items-start gap-3 px-5 py-3">
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm font-medium text-ink">
                  {c.name}
                  <Badge tone={c.role === "champion" || c.role === "decision_maker" ? "accent" : "neutral"}>{CONTACT_ROLE_LABELS[c.role]}</Badge>
                </p>
                {c.title || c.email ? (
                  <p className="mt-0.5 truncate text-[13px] text-ink-muted">{[c.title, c.email].filter(Boolean).join(" · ")}</p>
                ) : null}
              </div>
              {canEdit ? (
                <button
                  type="button"
                  aria-label={`Remove ${c.name}`}
                  title={`Remove ${c.name}`}
                  disabled={pending !== null}
                  onClick={() => void remove(c.id, c.name)}
                  className="flex size-8 shrink-0 items-center justify-center rounded-md text-ink-subtle hover:bg-zinc-100 hover:text-ink disabled:opacity-50"
                >
                  <TrashIcon className="size-4" />
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <p role="alert" className="border-t border-line px-5 py-3 text-[13px] text-red-700">
          {error}
        </p>
      ) : null}
      {adding ? (
        <div className="border-t border-line bg-canvas/50 px-5 py-4">
          <ContactForm
            onAdded={(said) => {
              announce(said);
              setAdding(false);
            }}
            onCancel={() => setAdding(false)}
          />
        </div>
      ) : null}
    </Card>
  );
}
