"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "./cx";

/** `badge`: a count shown beside the label; `badgeLabel` says what it counts to a screen reader. */
export type NavItem = { href: string; label: string; badge?: number; badgeLabel?: string };

const isActive = (pathname: string, href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));

export function NavLinks({ items, className }: { items: NavItem[]; className?: string }) {
  const pathname = usePathname();
  return (
    <ul className={cx("flex items-center gap-1", className)}>
      {items.map((item) => {
        const active = isActive(pathname, item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={cx(
                "block rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap transition-colors",
                "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent",
                active ? "bg-zinc-100 text-ink" : "text-ink-muted hover:bg-zinc-100/70 hover:text-ink",
              )}
            >
              {item.label}
              {item.badge ? (
                <span className="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-accent px-1.5 text-xs font-semibold text-white tabular-nums">
                  <span aria-hidden="true">{item.badge}</span>
                  <span className="sr-only">, {item.badgeLabel ?? item.badge}</span>
                </span>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
