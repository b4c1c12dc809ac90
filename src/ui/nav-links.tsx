"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "./cx";

/**
 * `badge`: a count shown beside the label; `badgeLabel` says what it counts to a screen reader. A
 * link with a badge is named "label, badgeLabel" ("Deal desk, 3 waiting on you") by its aria-label:
 * text inside the inline-flex badge was read as a separate box, which browsers set off with a space
 * ("Deal desk , 3 waiting on you"). The visible count is hidden from the accessibility tree, which
 * has it in the name.
 */
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
              aria-label={item.badge ? `${item.label}, ${item.badgeLabel ?? item.badge}` : undefined}
              className={cx(
                "block rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap transition-colors",
                "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent",
                active ? "bg-zinc-100 text-ink" : "text-ink-muted hover:bg-zinc-100/70 hover:text-ink",
              )}
            >
              {item.label}
              {item.badge ? (
                <span
                  aria-hidden="true"
                  className="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-accent px-1.5 text-xs font-semibold text-white tabular-nums"
                >
                  {item.badge}
                </span>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
