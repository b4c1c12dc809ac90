import { LogoMark } from "@/src/ui/icons";

const CARDS = [3, 4, 2, 3, 1];

/** The board's frame while its deals load: columns of placeholder cards. */
export default function BoardLoading() {
  return (
    <div className="min-h-screen bg-canvas" aria-busy="true">
      <div className="border-b border-line bg-surface">
        <div className="mx-auto flex h-14 max-w-[100rem] items-center gap-2.5 px-6 text-[15px] font-semibold tracking-tight text-ink">
          <LogoMark />
          Stageline
        </div>
      </div>
      <main className="mx-auto max-w-[100rem] px-6 py-6">
        <p role="status" className="sr-only">
          Loading the board…
        </p>
        <div className="animate-pulse">
          <div className="h-4 w-28 rounded bg-zinc-200" />
          <div className="mt-2 h-7 w-56 rounded bg-zinc-200" />
          <div className="mt-3 h-4 w-80 rounded bg-zinc-200/80" />
          <div className="mt-10 flex gap-3">
            <div className="h-9 w-64 rounded-lg bg-zinc-200/80" />
            <div className="h-9 w-40 rounded-lg bg-zinc-200/80" />
            <div className="h-9 w-36 rounded-lg bg-zinc-200/80" />
          </div>
          <div className="mt-5 flex gap-3 overflow-hidden">
            {CARDS.map((n, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholders that never reorder
              <div key={i} className="w-[15rem] shrink-0 rounded-xl bg-zinc-100 p-3 xl:w-auto xl:flex-1">
                <div className="h-4 w-24 rounded bg-zinc-200" />
                <div className="mt-2 h-3 w-32 rounded bg-zinc-200/80" />
                <div className="mt-4 space-y-2">
                  {Array.from({ length: n }, (_, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: placeholders that never reorder
                    <div key={j} className="h-36 rounded-lg border border-line bg-surface" />
                  ))}
                </div>
              </div>
            ))}
            <div className="w-44 shrink-0 space-y-3">
              <div className="h-56 rounded-xl border-2 border-dashed border-zinc-200" />
              <div className="h-56 rounded-xl border-2 border-dashed border-zinc-200" />
            </div>
          </div>
        </div>
      </main>
    </div>
  );
}
