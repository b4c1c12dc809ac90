"use client";

import { useState } from "react";
import type { ContactRole } from "@/src/domain/process/types";
import { Button } from "@/src/ui/button";
import { Input } from "@/src/ui/field";
import { Select } from "@/src/ui/select";
import { addContact } from "../actions";
import { useFix } from "../use-fix";
import { FixerMessage } from "./fixer-message";
import { fixerId, type FixerProps } from "./fixer-types";

const ROLE_NAMES: Record<ContactRole, string> = {
  decision_maker: "decision maker",
  economic_buyer: "economic buyer",
  champion: "champion",
  influencer: "influencer",
  technical_buyer: "technical buyer",
  procurement: "procurement contact",
  legal: "legal contact",
  user: "user",
};

/** A contact-role criterion: adds the person to the buying group, with the role the stage asks for. */
export function ContactFixer({ card, unmet, done, onCard, onFixed, role }: FixerProps & { role: ContactRole | null }) {
  const [name, setName] = useState("");
  const [title, setTitle] = useState("");
  const [chosen, setChosen] = useState<ContactRole>(role ?? "decision_maker");
  const [added, setAdded] = useState<string | null>(null);
  const fix = useFix(onCard);
  const id = fixerId(unmet);
  const roleName = ROLE_NAMES[role ?? chosen];

  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const contact = { name: name.trim(), title: title.trim(), email: "", role: role ?? chosen };
        fix.run(
          (version) => addContact({ id: card.id, version, contact }),
          (c) => c,
          () => {
            setAdded(`${contact.name} added as ${roleName}.`);
            setName("");
            setTitle("");
            onFixed(true);
          },
        );
      }}
    >
      <fieldset className="space-y-2" disabled={fix.pending}>
        <legend className="text-sm font-medium text-ink">{unmet.label}</legend>
        <div className="grid gap-2 sm:grid-cols-[3fr_2fr_auto]">
          <div>
            <label htmlFor={`${id}-name`} className="sr-only">
              Name of the {roleName}
            </label>
            <Input id={`${id}-name`} required maxLength={120} placeholder={`Name of the ${roleName}`} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          </div>
          <div>
            <label htmlFor={`${id}-title`} className="sr-only">
              Job title (optional)
            </label>
            <Input id={`${id}-title`} maxLength={120} placeholder="Job title (optional)" value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
          </div>
          {role ? null : (
            <div>
              <label htmlFor={`${id}-role`} className="sr-only">
                Role
              </label>
              <Select id={`${id}-role`} value={chosen} onChange={(e) => setChosen(e.currentTarget.value as ContactRole)}>
                {(Object.keys(ROLE_NAMES) as ContactRole[]).map((r) => (
                  <option key={r} value={r}>
                    {ROLE_NAMES[r]}
                  </option>
                ))}
              </Select>
            </div>
          )}
          <Button type="submit" variant="secondary" disabled={!name.trim()}>
            {fix.pending ? "Adding…" : `Add ${roleName}`}
          </Button>
        </div>
      </fieldset>
      <FixerMessage id={`${id}-msg`} error={fix.error} success={done ? added : null} />
    </form>
  );
}
