"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { cx } from "./cx";

type DialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  /** The actions, right-aligned under a divider. */
  footer?: ReactNode;
  size?: "md" | "lg";
  /** Where focus goes when the dialog opens (Radix focuses the first control otherwise). */
  onOpenAutoFocus?: (event: Event) => void;
};

/** A modal dialog (Radix): focus is trapped inside, Escape closes it, and focus returns on close. */
export function Dialog({ open, onOpenChange, title, description, children, footer, size = "md", onOpenAutoFocus }: DialogProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-zinc-950/40 backdrop-blur-[2px]" />
        <RadixDialog.Content
          onOpenAutoFocus={onOpenAutoFocus}
          {...(description ? {} : { "aria-describedby": undefined })}
          className={cx(
            "fixed top-1/2 left-1/2 z-50 flex max-h-[min(48rem,calc(100dvh-2rem))] w-[calc(100%-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col",
            "rounded-card border border-line bg-surface shadow-2xl focus:outline-none",
            size === "lg" ? "max-w-2xl" : "max-w-lg",
          )}
        >
          <header className="border-b border-line px-6 pt-5 pb-4 pr-14">
            <RadixDialog.Title className="text-[17px] font-semibold tracking-tight text-ink">{title}</RadixDialog.Title>
            {description ? <RadixDialog.Description className="mt-1 text-sm text-ink-muted">{description}</RadixDialog.Description> : null}
          </header>
          <div className="min-h-0 flex-1 overflow-y-auto px-6 py-5">{children}</div>
          {footer ? (
            <footer className="flex flex-wrap items-center justify-end gap-2 rounded-b-card border-t border-line bg-canvas px-6 py-3.5">
              {footer}
            </footer>
          ) : null}
          <RadixDialog.Close
            aria-label="Close"
            className="absolute top-4 right-4 flex size-8 items-center justify-center rounded-md text-ink-muted hover:bg-zinc-100 hover:text-ink focus-visible:outline-2 focus-visible:outline-accent"
          >
            <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round" aria-hidden="true" className="size-4">
              <path d="M6 6l12 12M18 6 6 18" />
            </svg>
          </RadixDialog.Close>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
