// People (docs/rules/people.md): every user with their role, team, groups, status and latest sign-in,
// filtered by role, team and status (in the address); the invitation form. Each user opens on their
// own page to be changed, deactivated or have their deals reassigned.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import { ssoName } from "@/src/auth/next-auth-options";
import { ROLES } from "@/src/auth/permissions";
import { USER_STATUSES } from "@/src/schemas/users";
import { listTeams } from "@/src/server/teams/create-team";
import { listUsers } from "@/src/server/users/create-user";
import { Badge } from "@/src/ui/badge";
import { Button, ButtonLink } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { EmptyState } from "@/src/ui/empty-state";
import { formatMoment } from "@/src/ui/format";
import { UsersIcon } from "@/src/ui/icons";
import { GROUP_LABELS, ROLE_LABELS } from "@/src/ui/labels";
import { PageHeader } from "@/src/ui/page-header";
import { Select } from "@/src/ui/select";
import { parseUserFilters, STATUS_LABELS, STATUS_TONES, type UserFilters, usersHref } from "./filters";
import { InviteForm } from "./invite-form";

export const metadata: Metadata = { title: "Users" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsersAdminPage({ searchParams }: Props) {
  const filters = parseUserFilters(await searchParams);
  const actor = await requireActor(usersHref(filters));
  if (!can(actor, "users.manage")) notFound();
  const [{ items: users }, { items: teams }] = await Promise.all([
    listUsers(actor, { role: filters.role, teamId: filters.team, status: filters.status }),
    listTeams(actor),
  ]);
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const filtered = !!(filters.role || filters.team || filters.status);

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone who can sign in: their role, team and deal desk groups. Invite someone, change what they may do, or switch them off when they leave."
      />
      <Card className="mb-6" aria-labelledby="invite-heading" title={<span id="invite-heading">Invite a user</span>}>
        <InviteForm teams={teams.map((t) => ({ id: t.id, name: t.name }))} sso={ssoName()} />
      </Card>
      <Card flush className="min-w-0" aria-labelledby="users-heading" title={<span id="users-heading">People</span>}>
        <FilterForm filters={filters} teams={teams} />
        {users.length === 0 ? (
          <EmptyState
            icon={<UsersIcon className="size-5" />}
            title={filtered ? "No user matches these filters" : "No users yet"}
            description={filtered ? "Clear a filter to see more people." : "Invite the first one above."}
            action={
              filtered ? (
                <ButtonLink href="/admin/users" variant="secondary" size="sm">
                  Clear filters
                </ButtonLink>
              ) : undefined
            }
          />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[44rem] text-left text-sm">
              <caption className="sr-only">Users{filtered ? ", filtered" : ""}</caption>
              <thead className="border-b border-line bg-zinc-50/60 text-[13px] text-ink-muted">
                <tr>
                  <th scope="col" className="px-5 py-2.5 font-medium">
                    Name
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Role
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Team
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Status
                  </th>
                  <th scope="col" className="px-5 py-2.5 font-medium">
                    Last sign-in
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {users.map((u) => (
                  <tr key={u.id}>
                    <td className="px-5 py-3">
                      <Link
                        href={`/admin/users/${u.id}`}
                        className="font-medium text-ink underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent"
                      >
                        {u.name}
                      </Link>
                      <div className="text-[13px] text-ink-muted">{u.email}</div>
                    </td>
                    <td className="px-3 py-3">
                      {ROLE_LABELS[u.role]}
                      {u.groups.length ? <div className="text-[13px] text-ink-muted">{u.groups.map((g) => GROUP_LABELS[g]).join(", ")}</div> : null}
                    </td>
                    <td className="px-3 py-3">{u.teamId ? teamName.get(u.teamId) : <span className="text-ink-muted">None</span>}</td>
                    <td className="px-3 py-3">
                      <Badge tone={STATUS_TONES[u.status]}>{STATUS_LABELS[u.status]}</Badge>
                    </td>
                    <td className="px-5 py-3 text-ink-muted">{u.lastSignInAt ? formatMoment(new Date(u.lastSignInAt)) : "Not known"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}

function FilterForm({ filters, teams }: { filters: UserFilters; teams: { id: string; name: string }[] }) {
  return (
    <form method="get" action="/admin/users" aria-label="Filter users" className="flex flex-wrap items-end gap-3 border-b border-line p-5">
      <div className="min-w-40">
        <label htmlFor="users-role" className="mb-1.5 block text-[13px] font-medium text-ink">
          Role
        </label>
        <Select id="users-role" name="role" defaultValue={filters.role ?? ""}>
          <option value="">Every role</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </Select>
      </div>
      <div className="min-w-40">
        <label htmlFor="users-team" className="mb-1.5 block text-[13px] font-medium text-ink">
          Team
        </label>
        <Select id="users-team" name="team" defaultValue={filters.team ?? ""}>
          <option value="">Every team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Select>
      </div>
      <div className="min-w-40">
        <label htmlFor="users-status" className="mb-1.5 block text-[13px] font-medium text-ink">
          Status
        </label>
        <Select id="users-status" name="status" defaultValue={filters.status ?? ""}>
          <option value="">Every status</option>
          {USER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      {filters.role || filters.team || filters.status ? (
        <Link href="/admin/users" className="h-10 content-center text-sm font-medium text-accent-ink underline-offset-2 hover:underline">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
