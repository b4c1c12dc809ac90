import type { ReactNode } from "react";
import { cx } from "./cx";

type StatTone = "neutral" | "warning" | "danger" | "accent";

const iconTones: Record<StatTone, string> = {
  neutral: "bg-zinc-100 text-zinc-600",
  accent: "bg-accent-soft text-accent",
  warning: "bg-amber-50 text-amber-700",
  danger: "bg-red-50 text-red-600",
};

type StatProps = {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  icon?: ReactNode;
  tone?: StatTone;
  className?: string;
};

/** One headline figure with its label: the tiles at the top of a page. */
export function Stat({ label, value, detail, icon, tone = "neutral", className }: StatProps) {
  return (
    <div className={cx("rounded-card border border-line bg-surface p-5 shadow-card", className)}>
      <div className="flex items-center justify-between gap-3">
        <p className="text-[13px] font-medium text-ink-muted">{label}</p>
        {icon ? <span className={cx("flex size-7 items-center justify-center rounded-md", iconTones[tone])}>{icon}</span> : null}
      </div>
      <p className="mt-2 text-2xl font-semibold tracking-tight text-ink tabular-nums">{value}</p>
      {detail ? <p className="mt-1 text-[13px] text-ink-muted">{detail}</p> : null}
    </div>
  );
}
