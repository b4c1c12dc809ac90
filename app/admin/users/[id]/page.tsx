// One user, for an admin (docs/rules/people.md): their role, team and groups; resend their
// invitation, deactivate or reactivate them; and their open deals, to give to someone else.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import { rolesWith } from "@/src/auth/permissions";
import { database } from "@/src/server/db";
import { listTeams } from "@/src/server/teams/create-team";
import { listUsers } from "@/src/server/users/create-user";
import { openDealsOf } from "@/src/server/users/reassign-deals";
import { loadUser } from "@/src/server/users/user-response";
import { Badge } from "@/src/ui/badge";
import { Card } from "@/src/ui/card";
import { formatMoment } from "@/src/ui/format";
import { ArrowLeftIcon } from "@/src/ui/icons";
import { ROLE_LABELS } from "@/src/ui/labels";
import { PageHeader } from "@/src/ui/page-header";
import { STATUS_LABELS, STATUS_TONES } from "../filters";
import { AccessControls, EditUserForm, ReassignDeals } from "./user-forms";

export const metadata: Metadata = { title: "User" };

type Props = { params: Promise<{ id: string }> };

export default async function UserAdminPage({ params }: Props) {
  const { id } = await params;
  const actor = await requireActor(`/admin/users/${encodeURIComponent(id)}`);
  if (!can(actor, "users.manage")) notFound();
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) notFound();
  const q = database().sql;
  const user = await loadUser(q, id);
  if (!user) notFound();
  const [{ items: teams }, { items: everyone }, deals] = await Promise.all([listTeams(actor), listUsers(actor), openDealsOf(q, id)]);
  const owners = rolesWith("opportunity.create");
  const candidates = everyone
    .filter((u) => u.id !== id && u.status !== "deactivated" && owners.includes(u.role))
    .map((u) => ({ id: u.id, name: u.name, role: ROLE_LABELS[u.role] }));

  return (
    <>
      <Link href="/admin/users" className="mb-3 inline-flex items-center gap-1.5 text-[13px] font-medium text-ink-muted hover:text-ink">
        <ArrowLeftIcon className="size-3.5" />
        All users
      </Link>
      <PageHeader
        title={user.name}
        description={
          <>
            {user.email} · {ROLE_LABELS[user.role]} · last sign-in {user.lastSignInAt ? formatMoment(new Date(user.lastSignInAt)) : "not known"}
          </>
        }
        actions={<Badge tone={STATUS_TONES[user.status]}>{STATUS_LABELS[user.status]}</Badge>}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="edit-heading" title={<span id="edit-heading">Role, team and groups</span>}>
          <EditUserForm
            user={{ id: user.id, role: user.role, teamId: user.teamId, groups: user.groups }}
            teams={teams.map((t) => ({ id: t.id, name: t.name }))}
          />
        </Card>
        <Card aria-labelledby="access-heading" title={<span id="access-heading">Access</span>}>
          <AccessControls user={{ id: user.id, name: user.name, status: user.status }} self={user.id === actor.id} openDeals={deals.length} />
        </Card>
      </div>
      <Card
        className="mt-6 min-w-0"
        flush
        aria-labelledby="deals-heading"
        title={<span id="deals-heading">Open deals ({deals.length})</span>}
        description={user.status === "deactivated" ? "Give them to someone who is still here." : "Deals this user owns now."}
      >
        <ReassignDeals userId={user.id} deals={deals} candidates={candidates} />
      </Card>
    </>
  );
}
