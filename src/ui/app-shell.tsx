import Link from "next/link";
import type { ReactNode } from "react";
import type { Actor } from "../auth/actor";
import { can } from "../auth/authorize";
import { countDueReminders } from "../server/closing/reminders-view";
import { database } from "../server/db";
import { countAwaitingMe } from "../server/deal-desk/queue";
import { cx } from "./cx";
import { initials } from "./format";
import { LogoMark } from "./icons";
import { ROLE_LABELS } from "./labels";
import { NavLinks, type NavItem } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

/** The links the actor's role opens; the deal desk's carries the count of requests waiting on them, My reminders the count of touches due. */
async function navItems(actor: Actor): Promise<NavItem[]> {
  const items: NavItem[] = [
    { href: "/", label: "Home" },
    { href: "/board", label: "Board" },
  ];
  // Those who may own deals have reminders: the re-engagement plays of their lost deals.
  if (can(actor, "opportunity.create")) {
    const due = await countDueReminders(database().sql, actor.id).catch(() => 0);
    items.push({ href: "/reminders", label: "My reminders", ...(due > 0 ? { badge: due, badgeLabel: `${due} due` } : {}) });
  }
  if (can(actor, "dashboard.view")) items.push({ href: "/dashboard", label: "Dashboard" });
  if (can(actor, "approval.queue")) {
    // A count that cannot be read leaves the link without its badge rather than the page unrendered.
    const waiting = await countAwaitingMe(actor).catch(() => 0);
    items.push({ href: "/deal-desk", label: "Deal desk", ...(waiting > 0 ? { badge: waiting, badgeLabel: `${waiting} waiting on you` } : {}) });
  }
  if (can(actor, "rules.manage")) items.push({ href: "/deal-desk/rules", label: "Deal desk rules" });
  if (can(actor, "closing.manage") || can(actor, "outbox.manage")) items.push({ href: "/admin", label: "Admin" });
  items.push({ href: "/settings", label: "Settings" });
  return items;
}

/** The frame of every signed-in page: top navigation, the user, and the page's content. */
export async function AppShell({ actor, children, wide }: { actor: Actor; children: ReactNode /** Full width, for the board. */; wide?: boolean }) {
  const width = wide ? "max-w-[100rem]" : "max-w-7xl";
  const items = await navItems(actor);
  return (
    <div className="min-h-screen bg-canvas">
      <a
        href="#main"
        className="print:hidden sr-only focus:not-sr-only focus:absolute focus:top-3 focus:left-3 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:text-sm focus:shadow-lg"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 print:hidden border-b border-line bg-surface/90 backdrop-blur supports-[backdrop-filter]:bg-surface/80">
        <div className={cx("mx-auto flex flex-wrap items-center gap-x-6 px-6 lg:flex-nowrap", width)}>
          <Link
            href="/"
            className="flex h-14 items-center gap-2.5 rounded-md text-[15px] font-semibold tracking-tight text-ink focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
          >
            <LogoMark />
            Stageline
          </Link>
          {/* Below lg the links get their own scrollable row; its padding leaves room for focus rings. */}
          <nav
            aria-label="Main"
            className="order-last -mx-3 w-[calc(100%+1.5rem)] overflow-x-auto px-1 pt-1 pb-2 lg:order-none lg:mx-0 lg:w-auto lg:overflow-visible lg:p-0"
          >
            <NavLinks items={items} />
          </nav>
          <div className="ml-auto flex items-center gap-3">
            <div className="flex items-center gap-2.5">
              <span
                aria-hidden="true"
                className="flex size-8 items-center justify-center rounded-full bg-accent-soft text-xs font-semibold text-accent-ink"
              >
                {initials(actor.name)}
              </span>
              <div className="leading-tight">
                <p className="text-sm font-medium text-ink">{actor.name}</p>
                <p className="text-xs text-ink-muted">{ROLE_LABELS[actor.role]}</p>
              </div>
            </div>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className={cx("mx-auto px-6", width, wide ? "py-6" : "py-10")}>
        {children}
      </main>
    </div>
  );
}
