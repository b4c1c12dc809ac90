import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "@/src/auth/current-actor";
import { ssoName } from "@/src/auth/next-auth-options";
import { wantsDemoData } from "@/src/server/boot/wants-demo-data";
import { LogoMark } from "@/src/ui/icons";
import { GROUP_LABELS, ROLE_LABELS } from "@/src/ui/labels";
import { ProductPitch } from "./product-pitch";
import { safeCallbackUrl } from "./safe-callback-url";
import { SignInForm, type DemoAccount } from "./signin-form";

export const metadata: Metadata = { title: "Sign in" };

async function demoAccounts(): Promise<{ accounts: DemoAccount[]; password: string } | null> {
  if (!wantsDemoData()) return null;
  const { DEMO_USERS, DEMO_PASSWORD } = await import("@/src/server/demo/demo-users");
  const accounts = DEMO_USERS.map((u) => {
    const detail = u.groups?.length ? u.groups.map((g) => GROUP_LABELS[g]).join(", ") : u.team;
    return { email: u.email, label: [ROLE_LABELS[u.role], detail].filter(Boolean).join(" · ") };
  });
  return { accounts, password: DEMO_PASSWORD };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await currentActor()) redirect(callbackUrl);
  const error = typeof params.error === "string" ? params.error : null;

  return (
    <div className="grid min-h-screen bg-canvas lg:grid-cols-[1.1fr_1fr]">
      <section aria-label="About Stageline" className="border-t border-line lg:border-t-0 lg:border-r">
        <ProductPitch />
      </section>
      {/* On narrower screens the form comes first: people open this page to sign in. */}
      <main className="order-first flex flex-col items-center justify-center gap-8 bg-surface px-6 py-12 lg:order-none lg:bg-canvas">
        <div className="flex items-center gap-2.5 text-[15px] font-semibold tracking-tight text-ink lg:hidden">
          <LogoMark />
          Stageline
        </div>
        <SignInForm callbackUrl={callbackUrl} ssoName={ssoName()} initialError={error} demo={await demoAccounts()} />
      </main>
    </div>
  );
}
