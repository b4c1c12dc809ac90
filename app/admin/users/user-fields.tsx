"use client";

// The role, team and deal desk groups of a user, as the invite and edit forms ask for them: the
// groups show only for a role that has them.
import { useState } from "react";
import { DESK_GROUPS, type DeskGroup, hasDeskGroups, ROLES, type Role } from "@/src/auth/permissions";
import { Field } from "@/src/ui/field";
import { GROUP_LABELS, ROLE_LABELS } from "@/src/ui/labels";
import { Select } from "@/src/ui/select";

export type TeamChoice = { id: string; name: string };

type Props = {
  idPrefix: string;
  teams: TeamChoice[];
  initial: { role: Role; teamId: string | null; groups: DeskGroup[] };
  problems: { role?: string; teamId?: string; groups?: string };
};

export function UserFields({ idPrefix, teams, initial, problems }: Props) {
  const [role, setRole] = useState<Role>(initial.role);
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <>
      <Field id={id("role")} label="Role" error={problems.role}>
        <Select
          id={id("role")}
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          invalid={!!problems.role}
          aria-describedby={problems.role ? `${id("role")}-help` : undefined}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={id("team")} label="Team" error={problems.teamId}>
        <Select
          id={id("team")}
          name="teamId"
          defaultValue={initial.teamId ?? ""}
          invalid={!!problems.teamId}
          aria-describedby={problems.teamId ? `${id("team")}-help` : undefined}
        >
          <option value="">No team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Select>
      </Field>
      {hasDeskGroups(role) ? (
        <fieldset className="space-y-1.5" aria-describedby={problems.groups ? `${id("groups")}-help` : undefined}>
          <legend className="text-sm font-medium text-ink">Deal desk groups</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {DESK_GROUPS.map((g) => (
              <label key={g} className="inline-flex items-center gap-2 text-sm text-ink">
                <input type="checkbox" name="groups" value={g} defaultChecked={initial.groups.includes(g)} className="size-4 accent-accent" />
                {GROUP_LABELS[g]}
              </label>
            ))}
          </div>
          {problems.groups ? (
            <p id={`${id("groups")}-help`} className="text-[13px] text-red-700">
              {problems.groups}
            </p>
          ) : null}
        </fieldset>
      ) : null}
    </>
  );
}

/** Role, team and groups as a form holds them. */
export function readUserFields(form: FormData) {
  const role = String(form.get("role") ?? "") as Role;
  const teamId = String(form.get("teamId") ?? "") || null;
  const groups = hasDeskGroups(role) ? (form.getAll("groups").map(String) as DeskGroup[]) : [];
  return { role, teamId, groups };
}
