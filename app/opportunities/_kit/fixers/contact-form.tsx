"use client";

// Adding a person to the buying group: with the role a contact-role criterion asks for, or with a
// role chosen. The server adds them to the group as it stands, so the page need not know the others.
import { useId, useState } from "react";
import { CONTACT_ROLES, type ContactRole } from "@/src/domain/process/kinds";
import { Button } from "@/src/ui/button";
import { Field, Input } from "@/src/ui/field";
import { PlusIcon } from "@/src/ui/icons";
import { Select } from "@/src/ui/select";
import { addDealContact } from "../../_actions/deal-actions";
import { CONTACT_ROLE_LABELS } from "../../_lib/labels";
import { generalMessage, problemFor } from "../../_lib/problems";
import { useFix } from "../use-fix";
import { FixerMessage } from "./fixer-message";

type Props = {
  /** The role a criterion asks for; without one, the form offers every role. */
  role?: ContactRole;
  /** The criterion this form meets, shown as its legend. */
  legend?: string;
  /** Shown once the person is added and the criterion met. */
  done?: boolean;
  onAdded: (said: string) => void;
  onCancel?: () => void;
};

const FIELDS = ["name", "title", "email", "role"] as const;

export function ContactForm({ role: fixedRole, legend, done, onAdded, onCancel }: Props) {
  const id = useId();
  const fix = useFix();
  const [draft, setDraft] = useState({ name: "", title: "", email: "", role: fixedRole ?? ("decision_maker" as ContactRole) });
  const [added, setAdded] = useState<string | null>(null);
  const roleName = CONTACT_ROLE_LABELS[draft.role].toLowerCase();
  const problem = (field: string) => problemFor(fix.error, `contact.${field}`);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const other =
    fix.error?.code === "VERSION_CONFLICT"
      ? fix.message
      : generalMessage(
          fix.error,
          FIELDS.map((f) => `contact.${f}`),
        );

  const control = (field: "name" | "title" | "email", label: string, extra: Record<string, unknown> = {}) => (
    <Field id={`${id}-${field}`} label={label} error={problem(field)} className="min-w-36 flex-1">
      <Input
        id={`${id}-${field}`}
        value={draft[field]}
        onChange={(e) => set(field)(e.target.value)}
        invalid={!!problem(field)}
        aria-describedby={problem(field) ? `${id}-${field}-help` : undefined}
        {...extra}
      />
    </Field>
  );

  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const contact = { ...draft, name: draft.name.trim(), title: draft.title.trim(), email: draft.email.trim() };
        fix.run(addDealContact, { contact }, () => {
          const said = `${contact.name} added as ${roleName}.`;
          setAdded(said);
          setDraft((d) => ({ ...d, name: "", title: "", email: "" }));
          onAdded(said);
        });
      }}
    >
      <fieldset className="space-y-3" disabled={fix.pending}>
        {legend ? <legend className="text-sm font-medium text-ink">{legend}</legend> : null}
        <div className="flex flex-wrap items-start gap-3">
          {control("name", fixedRole ? `${CONTACT_ROLE_LABELS[fixedRole]}'s name` : "Name", { autoComplete: "off", required: true })}
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
        <div className="flex gap-2">
          <Button type="submit" size="sm" variant="secondary" disabled={!draft.name.trim()}>
            <PlusIcon className="size-4" />
            {fix.pending ? "Adding…" : `Add ${fixedRole ? roleName : "contact"}`}
          </Button>
          {onCancel ? (
            <Button size="sm" variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
        </div>
      </fieldset>
      <FixerMessage id={`${id}-msg`} error={other ?? null} success={done ? added : null} />
    </form>
  );
}
