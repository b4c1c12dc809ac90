import { CheckIcon, LogoMark } from "@/src/ui/icons";
import { StagePath, type StagePathStep } from "@/src/ui/stage-path";

const SAMPLE_PATH: StagePathStep[] = [
  { key: "identify", name: "Identify", state: "done" },
  { key: "qualify", name: "Qualify", state: "done" },
  { key: "propose", name: "Propose", state: "current" },
  { key: "negotiate", name: "Negotiate", state: "todo" },
  { key: "won", name: "Closed Won", state: "todo" },
];

const SAMPLE_CRITERIA = [
  { label: "Decision criteria recorded", done: true },
  { label: "Formal quote generated", done: true },
  { label: "Close plan with 3 dated steps", done: false },
];

/** The left half of the sign-in page: what Stageline is, and a glimpse of a deal's stage path. */
export function ProductPitch() {
  return (
    <div className="relative flex h-full flex-col justify-between gap-10 overflow-hidden px-8 py-10 lg:px-14 lg:py-12">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-0 bg-[radial-gradient(60rem_30rem_at_-10%_-10%,rgb(79_70_229/0.10),transparent_60%)]"
      />
      <div className="relative hidden items-center gap-2.5 text-[15px] font-semibold tracking-tight text-ink lg:flex">
        <LogoMark />
        Stageline
      </div>

      <div className="relative max-w-xl">
        <h1 className="text-3xl font-semibold tracking-tight text-balance text-ink lg:text-[2.5rem] lg:leading-[1.1]">
          A pipeline you can trust, one stage at a time.
        </h1>
        <p className="mt-4 max-w-lg text-[15px] leading-relaxed text-ink-muted">
          Stageline turns your sales process into stages with exit criteria the app checks for you. Reps know the next step, managers trust the
          numbers, and the deal desk approves non-standard deals in one queue.
        </p>

        <figure className="mt-10 hidden rounded-card border border-line bg-surface p-5 shadow-card md:block">
          <figcaption className="flex items-baseline justify-between gap-4">
            <span>
              <span className="block text-xs font-medium text-ink-muted">Acme Logistics</span>
              <span className="block text-sm font-semibold text-ink">Fleet analytics, 3-year renewal</span>
            </span>
            <span className="text-sm font-semibold text-ink tabular-nums">$148,000</span>
          </figcaption>
          <StagePath className="mt-4" label="Example stage path" steps={SAMPLE_PATH} />
          <div className="mt-5 border-t border-line pt-4">
            <p className="text-xs font-medium text-ink-muted">To leave Propose</p>
            <ul className="mt-2 space-y-1.5">
              {SAMPLE_CRITERIA.map((c) => (
                <li key={c.label} className="flex items-center gap-2 text-sm">
                  <span
                    className={
                      c.done
                        ? "flex size-4 items-center justify-center rounded-full bg-emerald-600 text-white"
                        : "size-4 rounded-full border-2 border-dashed border-zinc-400"
                    }
                  >
                    {c.done ? <CheckIcon className="size-3" /> : null}
                  </span>
                  <span className={c.done ? "text-ink-muted" : "font-medium text-ink"}>{c.label}</span>
                  <span className="sr-only">{c.done ? "(met)" : "(not met yet)"}</span>
                </li>
              ))}
            </ul>
          </div>
        </figure>
      </div>

      <p className="relative hidden text-xs text-ink-muted lg:block">Stages, exit criteria and approvals, enforced on the server.</p>
    </div>
  );
}
