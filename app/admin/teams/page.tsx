// Teams (docs/rules/people.md#teams): each with its manager and how many active people it has;
// create one, rename it, name its manager.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import { rolesWith } from "@/src/auth/permissions";
import { listTeams } from "@/src/server/teams/create-team";
import { listUsers } from "@/src/server/users/create-user";
import { Card } from "@/src/ui/card";
import { EmptyState } from "@/src/ui/empty-state";
import { UsersIcon } from "@/src/ui/icons";
import { PageHeader } from "@/src/ui/page-header";
import { NewTeamForm, TeamRow } from "./team-forms";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsAdminPage() {
  const actor = await requireActor("/admin/teams");
  if (!can(actor, "teams.manage")) notFound();
  const [{ items: teams }, { items: users }] = await Promise.all([listTeams(actor), listUsers(actor)]);
  const leads = rolesWith("teams.lead");
  const managers = users.filter((u) => u.status !== "deactivated" && leads.includes(u.role)).map((u) => ({ id: u.id, name: u.name }));
  const name = new Map(users.map((u) => [u.id, u.name]));
  return (
    <>
      <PageHeader title="Teams" description="Reps belong to a team; its manager sees and coaches the team's deals and approves for it." />
      <Card className="mb-6" aria-labelledby="new-team-heading" title={<span id="new-team-heading">New team</span>}>
        <NewTeamForm managers={managers} />
      </Card>
      <Card flush aria-labelledby="teams-heading" title={<span id="teams-heading">Teams ({teams.length})</span>}>
        {teams.length === 0 ? (
          <EmptyState
            icon={<UsersIcon className="size-5" />}
            title="No teams yet"
            description="Create the first one above, then put people in it from their user page."
          />
        ) : (
          <ul className="divide-y divide-line">
            {teams.map((t) => (
              <TeamRow
                key={t.id}
                team={{
                  id: t.id,
                  name: t.name,
                  managerId: t.managerId,
                  managerName: t.managerId ? (name.get(t.managerId) ?? null) : null,
                  memberCount: t.memberCount ?? 0,
                }}
                managers={managers}
              />
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
