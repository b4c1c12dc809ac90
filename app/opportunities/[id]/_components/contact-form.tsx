"use client";

// Adding a person of the buying group. Contacts are replaced as a list (replaceContacts), so the
// new one is sent with everyone already there.
import { useId, useState, type FormEvent } from "react";
import { CONTACT_ROLES, type ContactRole } from "@/src/domain/process/types";
import type { ActionError } from "@/src/http/action-result";
import type { OpportunityResponse } from "@/src/schemas/opportunities";
import { Button } from "@/src/ui/button";
import { Field, Input } from "@/src/ui/field";
import { PlusIcon } from "@/src/ui/icons";
import { Select } from "@/src/ui/select";
import { CONTACT_ROLE_LABELS } from "../../_lib/labels";
import { generalMessage, problemFor } from "../../_lib/problems";
import { replaceContactsAction } from "../actions";
import { useDeal } from "./deal-context";

type Contact = OpportunityResponse["contacts"][number];

export const contactInputs = (contacts: Contact[]) => contacts.map(({ name, email, title, role }) => ({ name, email, title, role }));

type Props = { contacts: Contact[]; role?: ContactRole; onDone?: () => void; onCancel?: () => void };

export function ContactForm({ contacts, role: fixedRole, onDone, onCancel }: Props) {
  const { run, announce } = useDeal();
  const id = useId();
  const [draft, setDraft] = useState({ name: "", title: "", email: "", role: fixedRole ?? ("decision_maker" as ContactRole) });
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, setPending] = useState(false);
  const index = contacts.length;
  const problem = (field: string) => problemFor(error, `contacts.${index}.${field}`);
  const roleLabel = CONTACT_ROLE_LABELS[draft.role];
  const set = (k: keyof typeof draft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  async function add(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    const result = await run(replaceContactsAction, { contacts: [...contactInputs(contacts), draft] });
    setPending(false);
    if (!result.ok) return setError(result.error);
    announce(`${draft.name} added as ${roleLabel.toLowerCase()}.`);
    setDraft({ name: "", title: "", email: "", role: draft.role });
    setError(null);
    onDone?.();
  }

  const control = (field: "name" | "title" | "email", label: string, extra: Record<string, unknown> = {}) => (
    <Field id={`${id}-${field}`} label={label} error={problem(field)} className="min-w-40 flex-1">
      <Input id={`${id}-${field}`} value={draft[field]} onChange={(e) => set(field)(e.target.value)} invalid={!!problem(field)} aria-describedby={problem(field) ? `${id}-${field}-help` : undefined} {...extra} />
    </Field>
  );

  const other = generalMessage(error, ["name", "title", "email", "role"].map((f) => `contacts.${index}.${f}`));
  return (
    <form onSubmit={add} className="space-y-3" noValidate>
      <div className="flex flex-wrap items-start gap-3">
        {control("name", fixedRole ? `${roleLabel}'s name` : "Name", { autoComplete: "off", required: true })}
        {control("title", "Title", { placeholder: "e.g. VP Operations" })}
        {control("email", "Email", { type: "email", autoComplete: "off" })}
        {fixedRole ? null : (
          <Field id={`${id}-role`} label="Role" className="w-44">
            <Select id={`${id}-role`} value={draft.role} onChange={(e) => set("role")(e.target.value)}>
              {CONTACT_ROLES.map((r) => (
                <option key={r} value={r}>
                  {CONTACT_ROLE_LABELS[r]}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      {other ? (
        <p role="alert" className="text-[13px] text-red-700">
          {other}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" variant="secondary" disabled={pending}>
          <PlusIcon className="size-4" />
          {pending ? "Adding…" : `Add ${fixedRole ? roleLabel.toLowerCase() : "contact"}`}
        </Button>
        {onCancel ? (
          <Button size="sm" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
