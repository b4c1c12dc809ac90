"use client";

import { useState } from "react";
import { Button } from "./button";

/**
 * In every page's header: next-auth's client (about 12 KiB gzipped) is fetched when the button is
 * pressed, not with each page (docs/performance.md, "Page weight").
 */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="secondary"
      size="sm"
      disabled={pending}
      onClick={() => {
        setPending(true);
        import("next-auth/react").then(
          ({ signOut }) => signOut({ callbackUrl: "/signin" }),
          () => setPending(false),
        );
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </Button>
  );
}
