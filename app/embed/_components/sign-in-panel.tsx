"use client";

// No session in the frame: where the browser keeps the app's cookie from a framed page (third-party
// cookies blocked, or SameSite), signing in inside the frame cannot work. The sign-in page opens in a
// pop-up, which lands on /embed/signed-in and closes itself; the frame then reloads, signed in.
// A browser that blocks third-party cookies still keeps them from the frame after that first-party
// sign-in, unless the frame asks for them with the Storage Access API. That request needs a click of
// its own in the frame, so once the pop-up closed the panel offers Continue, which asks, then reloads.
import { useEffect, useRef, useState } from "react";
import { EMBED_SIGNED_IN_PATH } from "@/src/http/content-security-policy";
import { Button } from "@/src/ui/button";
import { LogoMark } from "@/src/ui/icons";

const SIGN_IN_URL = `/signin?callbackUrl=${encodeURIComponent(EMBED_SIGNED_IN_PATH)}`;

type State = "idle" | "waiting" | "blocked" | "ask-access" | "access-refused";

/** Whether this frame may use the app's own cookies; true where the browser has no such question. */
async function hasCookieAccess(): Promise<boolean> {
  if (typeof document.hasStorageAccess !== "function") return true;
  try {
    return await document.hasStorageAccess();
  } catch {
    return true;
  }
}

export function SignInPanel() {
  const [state, setState] = useState<State>("idle");
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearInterval(timer.current), []);

  function signIn() {
    const popup = window.open(SIGN_IN_URL, "stageline-sign-in", "popup,width=520,height=720");
    if (!popup) {
      setState("blocked");
      return;
    }
    setState("waiting");
    window.clearInterval(timer.current);
    timer.current = window.setInterval(async () => {
      if (!popup.closed) return;
      window.clearInterval(timer.current);
      if (await hasCookieAccess()) window.location.reload();
      else setState("ask-access");
    }, 400);
  }

  async function askForAccess() {
    try {
      await document.requestStorageAccess();
      window.location.reload();
    } catch {
      setState("access-refused");
    }
  }

  return (
    <section aria-labelledby="embed-sign-in-heading" className="rounded-card border border-line bg-surface px-5 py-8 text-center shadow-card">
      <div className="mx-auto flex w-fit items-center gap-2 text-[15px] font-semibold text-ink">
        <LogoMark className="size-6" />
        Stageline
      </div>
      <h1 id="embed-sign-in-heading" className="mt-4 text-[15px] font-semibold text-ink">
        Sign in to see this deal's stage path
      </h1>
      {state === "ask-access" || state === "access-refused" ? (
        <>
          <p className="mx-auto mt-1 max-w-sm text-sm text-ink-muted">
            You are signed in. Your browser asks before it lets this panel use your Stageline sign-in inside this page.
          </p>
          <div className="mt-5 flex justify-center">
            <Button onClick={askForAccess}>Continue</Button>
          </div>
        </>
      ) : (
        <>
          <p className="mx-auto mt-1 max-w-sm text-sm text-ink-muted">
            The sign-in page opens in a small window. Once you are signed in it closes, and this panel shows the deal.
          </p>
          <div className="mt-5 flex justify-center">
            <Button onClick={signIn}>Sign in</Button>
          </div>
        </>
      )}
      <p role="status" className="mt-3 text-[13px] text-ink-muted">
        {state === "waiting" ? "Waiting for you to sign in in the pop-up window…" : null}
        {state === "blocked" ? (
          <>
            The browser blocked the pop-up.{" "}
            <a href={SIGN_IN_URL} target="_blank" rel="noopener" className="font-medium text-accent underline underline-offset-2">
              Open the sign-in page in a new tab
            </a>
            , then reload this panel.
          </>
        ) : null}
        {state === "access-refused" ? (
          <>
            The browser did not allow it. Allow cookies for this site in the browser's settings, or{" "}
            <a href="/board" target="_blank" rel="noopener" className="font-medium text-accent underline underline-offset-2">
              open Stageline in a new tab
            </a>
            .
          </>
        ) : null}
      </p>
    </section>
  );
}
