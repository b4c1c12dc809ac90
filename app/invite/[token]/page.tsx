// Where an invitation's link leads (docs/rules/people.md#invitations): outside the console, like
// /signin. An open invitation asks for a first password; a used, expired or replaced one says so and
// who to ask. Reading the page changes nothing: only setting the password uses the link.
import type { Metadata } from "next";
import Link from "next/link";
import { ssoName } from "@/src/auth/next-auth-options";
import { database } from "@/src/server/db";
import { type InvitationState, readInvitation } from "@/src/server/users/invitations";
import { AlertIcon, LogoMark } from "@/src/ui/icons";
import { SetPasswordForm } from "./set-password-form";

export const metadata: Metadata = { title: "Your invitation", referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

const validToken = (token: string) => /^[A-Za-z0-9_-]{20,200}$/.test(token);

export default async function InvitationPage({ params }: Props) {
  const { token } = await params;
  const invitation: InvitationState = validToken(token) ? await readInvitation(database().sql, token) : { state: "unknown", invitedBy: null };
  const sso = ssoName();
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-8 bg-canvas px-6 py-12">
      <div className="flex items-center gap-2.5 text-[15px] font-semibold tracking-tight text-ink">
        <LogoMark />
        Stageline
      </div>
      <div className="w-full max-w-sm rounded-card border border-line bg-surface p-7 shadow-card">
        {invitation.state === "open" ? (
          <>
            <h1 className="text-xl font-semibold tracking-tight text-ink">Welcome, {invitation.name}</h1>
            <p className="mt-1 mb-5 text-sm text-ink-muted">
              Choose a password for <span className="font-medium text-ink">{invitation.email}</span>. This link works once, until{" "}
              {invitation.expiresAt.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC.
            </p>
            <SetPasswordForm token={token} email={invitation.email} />
            {sso ? (
              <p className="mt-5 border-t border-line pt-4 text-[13px] text-ink-muted">
                Or skip the password:{" "}
                <Link href="/signin" className="font-medium text-accent-ink underline underline-offset-2">
                  sign in with {sso}
                </Link>{" "}
                using this e-mail address.
              </p>
            ) : null}
          </>
        ) : (
          <Closed invitation={invitation} sso={sso} />
        )}
      </div>
    </main>
  );
}

const TITLES = {
  used: "This invitation has already been used",
  expired: "This invitation has expired",
  replaced: "This invitation was replaced",
  unknown: "This invitation link is not valid",
} as const;

const REASONS = {
  used: "A password was already chosen with it. Sign in with your e-mail and that password.",
  expired: "Invitation links work for 72 hours.",
  replaced: "A newer invitation was sent, or your account was switched off. Only the latest link works.",
  unknown: "The link may have been copied incompletely. Open it again from the e-mail.",
} as const;

function Closed({ invitation, sso }: { invitation: Exclude<InvitationState, { state: "open" }>; sso: string | null }) {
  const by = invitation.invitedBy;
  return (
    <div role="alert" className="space-y-4">
      <div className="flex gap-3">
        <AlertIcon className="mt-1 size-5 shrink-0 text-amber-600" />
        <div>
          <h1 className="text-xl font-semibold tracking-tight text-ink">{TITLES[invitation.state]}</h1>
          <p className="mt-1 text-sm text-ink-muted">{REASONS[invitation.state]}</p>
        </div>
      </div>
      {invitation.state !== "used" ? (
        <p className="text-sm text-ink">
          {by ? (
            <>
              Ask {by.name} (
              <a className="font-medium text-accent-ink underline underline-offset-2" href={`mailto:${by.email}`}>
                {by.email}
              </a>
              ) to send you a new invitation.
            </>
          ) : (
            "Ask a Stageline admin at your company to send you a new invitation."
          )}
        </p>
      ) : null}
      <p className="text-sm">
        <Link href="/signin" className="font-medium text-accent-ink underline underline-offset-2">
          Go to sign in
        </Link>
        {sso ? <span className="text-ink-muted"> (you may also sign in with {sso})</span> : null}
      </p>
    </div>
  );
}
