"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/src/ui/button";
import { TextField } from "@/src/ui/field";
import { AlertIcon } from "@/src/ui/icons";
import { signInWithPassword } from "./actions";

export type DemoAccount = { email: string; label: string };

// next-auth reports failures as codes: ours (RateLimited, the Sso… refusals of single sign-on) and
// its own (CredentialsSignin, AccessDenied, OAuth…).
function errorMessage(code: string): { title: string; body: string } {
  switch (code) {
    case "CredentialsSignin":
      return { title: "Wrong email or password", body: "Check both and try again." };
    case "RateLimited":
      return {
        title: "Too many failed attempts",
        body: "Sign-in for this account is paused for 15 minutes. Wait a little, then try again.",
      };
    case "AccessDenied":
      return {
        title: "Single sign-on account not recognised",
        body: "Your identity provider signed you in, but no active Stageline user has that email. Ask an admin.",
      };
    case "SsoEmailUnverified":
      return {
        title: "Your email is not verified",
        body: "Your identity provider has not verified your email address, so Stageline cannot tell that it is yours. Verify it there, or ask an admin.",
      };
    case "SsoNoEmail":
      return {
        title: "No email from your identity provider",
        body: "Your identity provider did not share your email address, which Stageline signs you in by. Ask an admin.",
      };
    case "SessionRequired":
      return { title: "Please sign in", body: "Your session has ended. Sign in to continue." };
    default:
      return { title: "Sign-in didn't complete", body: "Something went wrong on our side. Try again in a moment." };
  }
}

type Props = {
  callbackUrl: string;
  /** The single sign-on provider's name (OIDC_NAME), or null when single sign-on is off. */
  ssoName: string | null;
  initialError: string | null;
  demo: { accounts: DemoAccount[]; password: string } | null;
};

export function SignInForm({ callbackUrl, ssoName, initialError, demo }: Props) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false, callbackUrl });
      if (!result || result.error || !result.ok) {
        setError(result?.error ?? "Unknown");
        setPending(false);
        return;
      }
      router.push(callbackUrl);
      router.refresh();
    } catch {
      setError("Unknown");
      setPending(false);
    }
  }

  const message = error ? errorMessage(error) : null;
  return (
    <div className="w-full max-w-sm">
      <div className="rounded-card border border-line bg-surface p-7 shadow-card">
        <h2 className="text-xl font-semibold tracking-tight text-ink">Sign in</h2>
        <p className="mt-1 text-sm text-ink-muted">Welcome back. Use your work email.</p>

        {message ? (
          <div
            role="alert"
            data-signin-error={error}
            className="mt-5 flex gap-2.5 rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-800"
          >
            <AlertIcon className="mt-0.5 size-4 shrink-0" />
            <div>
              <p className="font-semibold">{message.title}</p>
              <p className="mt-0.5 text-red-700">{message.body}</p>
            </div>
          </div>
        ) : null}

        {/* Posted before hydration, the form runs the server action, which signs in and redirects;
            once hydrated, onSubmit prevents that and signs in through next-auth's client. */}
        <form action={signInWithPassword} onSubmit={onSubmit} className="mt-5 space-y-4">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <TextField
            id="email"
            name="email"
            type="email"
            label="Email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            placeholder="you@company.com"
          />
          <TextField
            id="password"
            name="password"
            type="password"
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? "Signing in…" : "Sign in"}
          </Button>
        </form>

        {ssoName ? (
          <>
            <div className="my-5 flex items-center gap-3 text-xs text-ink-muted">
              <span className="h-px flex-1 bg-line" aria-hidden="true" />
              or
              <span className="h-px flex-1 bg-line" aria-hidden="true" />
            </div>
            <Button variant="secondary" className="w-full" onClick={() => void signIn("oidc", { callbackUrl })}>
              Sign in with {ssoName}
            </Button>
          </>
        ) : null}
      </div>

      {demo ? (
        <DemoHint
          demo={demo}
          onPick={(account) => {
            setEmail(account);
            setPassword(demo.password);
            setError(null);
          }}
        />
      ) : null}
    </div>
  );
}

function DemoHint({ demo, onPick }: { demo: NonNullable<Props["demo"]>; onPick: (email: string) => void }) {
  return (
    <details open className="group mt-4 rounded-lg border border-dashed border-line-strong px-4 py-3 text-[13px] text-ink-muted">
      <summary className="cursor-pointer rounded font-medium text-ink marker:text-ink-subtle">Demo accounts</summary>
      <p className="mt-2">
        Password <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs text-ink">{demo.password}</code> for every account. Pick one to
        fill the form.
      </p>
      <ul className="mt-2 divide-y divide-line">
        {demo.accounts.map((a) => (
          <li key={a.email}>
            <button
              type="button"
              onClick={() => onPick(a.email)}
              className="flex w-full items-center justify-between gap-3 rounded py-1.5 text-left hover:text-ink"
            >
              <span className="font-mono text-xs text-ink">
                <span className="sr-only">Use </span>
                {a.email}
              </span>
              <span>{a.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
