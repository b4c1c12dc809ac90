import type { Metadata } from "next";
import { requireActor } from "@/src/auth/current-actor";
import { SESSION_IDLE_SECONDS, SESSION_LIFETIME_SECONDS } from "@/src/auth/user-sessions";
import { getOwnProfile } from "@/src/server/home/get-own-profile";
import { listOwnApiTokens } from "@/src/server/tokens/list-own-api-tokens";
import { AppShell } from "@/src/ui/app-shell";
import { Card } from "@/src/ui/card";
import { GROUP_LABELS, ROLE_LABELS } from "@/src/ui/labels";
import { PageHeader } from "@/src/ui/page-header";
import { ChangePasswordForm } from "./change-password-form";
import { CreateTokenForm } from "./create-token-form";
import { SignOutEverywhereButton } from "./sign-out-everywhere-button";
import { TokenTable } from "./token-table";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requireActor("/settings", { oneTimePassword: "allowed" });
  const [profile, tokens] = await Promise.all([getOwnProfile(actor), listOwnApiTokens(actor)]);
  const rows: [string, string][] = [
    ["Name", actor.name],
    ["Email", actor.email],
    ["Role", ROLE_LABELS[actor.role]],
    ["Team", profile.teamName ?? "No team"],
    ...(profile.managedTeamNames.length ? [["Manages", profile.managedTeamNames.join(", ")] as [string, string]] : []),
    ["Deal desk groups", actor.groups.length ? actor.groups.map((g) => GROUP_LABELS[g]).join(", ") : "None"],
  ];

  if (actor.mustChangePassword)
    return (
      <AppShell actor={actor}>
        <PageHeader title="Choose your password" description="One step before you start." />
        <Card
          id="password"
          title="Replace your one-time password"
          description="You signed in with a password that was shown when your account was made, so someone else may have seen it. Choose your own to continue; until then nothing else is open to this account, API tokens included."
          className="max-w-xl"
        >
          <ChangePasswordForm />
        </Card>
      </AppShell>
    );

  return (
    <AppShell actor={actor}>
      <PageHeader title="Settings" description="Your profile, your password and sessions, and the API tokens that let integrations act as you." />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Profile" description="Managed by your Stageline admin." className="lg:col-span-1 lg:self-start">
          <dl className="space-y-4">
            {rows.map(([label, value]) => (
              <div key={label}>
                <dt className="text-[13px] font-medium text-ink-muted">{label}</dt>
                <dd className="mt-0.5 text-sm break-words text-ink">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card
          className="min-w-0 lg:col-span-2"
          title="API tokens"
          description={
            <>
              Call the REST API at <code className="font-mono text-xs">/api/v1</code> with{" "}
              <code className="font-mono text-xs">Authorization: Bearer &lt;token&gt;</code>. A token acts with your role and permissions.
            </>
          }
          flush
        >
          <div className="border-b border-line p-5">
            <CreateTokenForm />
          </div>
          <TokenTable tokens={tokens} />
        </Card>
        <Card
          id="password"
          title="Password"
          description="Changing it signs you out everywhere else; this browser stays signed in."
          className="lg:col-span-1 lg:self-start"
        >
          {profile.hasPassword ? (
            <ChangePasswordForm />
          ) : (
            <p className="text-sm text-ink-muted">You sign in through single sign-on: your password is managed there.</p>
          )}
        </Card>
        <Card
          title="Sessions"
          description={`Each browser you sign in with has its own session. It ends when you sign out, after ${SESSION_IDLE_SECONDS / 3600} hours without use, and ${SESSION_LIFETIME_SECONDS / 3600} hours after you signed in at the latest.`}
          className="lg:col-span-2 lg:self-start"
        >
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-ink-muted">
              Lost a device, or signed in on a shared computer? End every session at once. API tokens are not affected.
            </p>
            <SignOutEverywhereButton />
          </div>
        </Card>
      </div>
    </AppShell>
  );
}
