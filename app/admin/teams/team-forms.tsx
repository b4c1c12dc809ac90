"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { describeError, problemFor } from "@/app/opportunities/_lib/problems";
import { Button } from "@/src/ui/button";
import { Field, Input, TextField } from "@/src/ui/field";
import { Select } from "@/src/ui/select";
import { createTeamAction, updateTeamAction } from "../users/actions";
import { useAdminAction } from "../users/use-admin-action";

type Choice = { id: string; name: string };

function ManagerSelect({ id, managers, defaultValue, error }: { id: string; managers: Choice[]; defaultValue: string | null; error?: string }) {
  return (
    <Field id={id} label="Manager" error={error}>
      <Select id={id} name="managerId" defaultValue={defaultValue ?? ""} invalid={!!error} aria-describedby={error ? `${id}-help` : undefined}>
        <option value="">No manager</option>
        {managers.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export function NewTeamForm({ managers }: { managers: Choice[] }) {
  const { error, done, pending, run } = useAdminAction<{ id: string }>();
  const form = useRef<HTMLFormElement>(null);
  return (
    <form
      ref={form}
      aria-label="New team"
      className="grid items-end gap-4 sm:grid-cols-[1fr_1fr_auto]"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        run(
          () => createTeamAction({ name: data.get("name"), managerId: String(data.get("managerId") ?? "") || null }),
          () => form.current?.reset(),
        );
      }}
    >
      <TextField
        id="team-name"
        name="name"
        label="Name"
        required
        maxLength={80}
        error={problemFor(error, "name") ?? (error?.code === "CONFLICT" ? error.message : undefined)}
      />
      <ManagerSelect id="team-manager" managers={managers} defaultValue={null} error={problemFor(error, "managerId")} />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create team"}
      </Button>
      {done ? (
        <p role="status" className="text-[13px] text-emerald-800 sm:col-span-3">
          Team created.
        </p>
      ) : null}
    </form>
  );
}

export function TeamRow({
  team,
  managers,
}: {
  team: { id: string; name: string; managerId: string | null; managerName: string | null; memberCount: number };
  managers: Choice[];
}) {
  const [editing, setEditing] = useState(false);
  const { error, pending, run } = useAdminAction<{ id: string }>();
  if (!editing)
    return (
      <li className="flex flex-wrap items-center gap-3 px-5 py-3 text-sm">
        <div className="min-w-0 flex-1">
          <p className="font-medium text-ink">{team.name}</p>
          <p className="text-[13px] text-ink-muted">
            {team.managerName ? `Managed by ${team.managerName}` : "No manager"} ·{" "}
            <Link href={`/admin/users?team=${team.id}`} className="underline-offset-2 hover:underline">
              {team.memberCount} {team.memberCount === 1 ? "member" : "members"}
            </Link>
          </p>
        </div>
        <Button size="sm" variant="secondary" onClick={() => setEditing(true)} aria-label={`Edit ${team.name}`}>
          Edit
        </Button>
      </li>
    );
  const prefix = `team-${team.id}`;
  return (
    <li className="px-5 py-4">
      <form
        aria-label={`Edit ${team.name}`}
        className="grid items-end gap-4 sm:grid-cols-[1fr_1fr_auto]"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          run(
            () => updateTeamAction({ id: team.id, changes: { name: data.get("name"), managerId: String(data.get("managerId") ?? "") || null } }),
            () => setEditing(false),
          );
        }}
      >
        <Field id={`${prefix}-name`} label="Name" error={problemFor(error, "changes.name")}>
          <Input id={`${prefix}-name`} name="name" defaultValue={team.name} required maxLength={80} invalid={!!problemFor(error, "changes.name")} />
        </Field>
        <ManagerSelect id={`${prefix}-manager`} managers={managers} defaultValue={team.managerId} error={problemFor(error, "changes.managerId")} />
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save"}
          </Button>
          <Button variant="ghost" onClick={() => setEditing(false)}>
            Cancel
          </Button>
        </div>
        {error && !problemFor(error, "changes.name", "changes.managerId") ? (
          <p role="alert" className="text-[13px] text-red-700 sm:col-span-3">
            {describeError(error)}
          </p>
        ) : null}
      </form>
    </li>
  );
}
