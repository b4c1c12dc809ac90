"use client";

// The admin console's sub-navigation: its sections as tabs-like links, the open one marked current.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/src/ui/cx";

export function AdminNav({ sections }: { sections: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin sections" className="mb-8 overflow-x-auto border-b border-line">
      <ul className="flex gap-1 px-1 pt-1">
        {sections.map((s) => {
          const active = pathname === s.href || pathname.startsWith(`${s.href}/`);
          return (
            <li key={s.href}>
              <Link
                href={s.href}
                aria-current={active ? "page" : undefined}
                className={cx(
                  "-mb-px block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors",
                  "rounded-t-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent",
                  active ? "border-accent text-ink" : "border-transparent text-ink-muted hover:border-line-strong hover:text-ink",
                )}
              >
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
