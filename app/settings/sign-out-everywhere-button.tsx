"use client";

import { Button } from "@/src/ui/button";
import { signOutEverywhereAction } from "./actions";

export function SignOutEverywhereButton() {
  return (
    <form
      action={signOutEverywhereAction}
      onSubmit={(e) => {
        if (!window.confirm("Sign out on every device and browser, this one included?")) e.preventDefault();
      }}
    >
      <Button type="submit" variant="secondary">
        Sign out everywhere
      </Button>
    </form>
  );
}
