import { cx } from "./cx";

export type StagePathStep = { key: string; name: string; state: "done" | "current" | "todo"; detail?: string };

/** The stages of a process as a row of connected steps, the current one highlighted. */
export function StagePath({ steps, label, className }: { steps: StagePathStep[]; label: string; className?: string }) {
  return (
    <ol aria-label={label} className={cx("flex flex-wrap items-center gap-y-2", className)}>
      {steps.map((step, i) => (
        <li key={step.key} className="flex items-center" aria-current={step.state === "current" ? "step" : undefined}>
          {i > 0 ? <span aria-hidden="true" className={cx("mx-1 h-px w-3", step.state === "todo" ? "bg-line-strong" : "bg-accent")} /> : null}
          <span
            className={cx(
              "inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium whitespace-nowrap",
              step.state === "done" && "bg-accent-soft text-accent-ink",
              step.state === "current" && "bg-accent text-white shadow-sm",
              step.state === "todo" && "border border-line bg-surface text-ink-muted",
            )}
          >
            <span
              aria-hidden="true"
              className={cx(
                "size-1.5 rounded-full",
                step.state === "done" && "bg-accent",
                step.state === "current" && "bg-white",
                step.state === "todo" && "bg-zinc-400",
              )}
            />
            {step.name}
            {step.detail ? <span className="opacity-80">{step.detail}</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
