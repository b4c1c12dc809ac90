"use client";

// Inside a frame, a link to any other page of the app would load a page that refuses to be framed
// (or, as a client-side navigation, show the whole app in the frame): such links open in a new tab.
import type { MouseEvent, ReactNode } from "react";
import { EMBED_PATH_PREFIX } from "@/src/http/content-security-policy";

function leavesTheEmbed(e: MouseEvent): string | null {
  if (e.defaultPrevented || e.button !== 0) return null;
  const anchor = (e.target as Element | null)?.closest?.("a[href]");
  if (!(anchor instanceof HTMLAnchorElement) || anchor.target) return null;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith(EMBED_PATH_PREFIX)) return null;
  return url.href;
}

export function EmbedLinks({ children }: { children: ReactNode }) {
  function onClickCapture(e: MouseEvent) {
    const href = leavesTheEmbed(e);
    if (!href) return;
    e.preventDefault();
    e.stopPropagation();
    window.open(href, "_blank", "noopener");
  }
  // A click of a link inside is what is caught; the links stay the controls.
  return <div onClickCapture={onClickCapture}>{children}</div>;
}
