// The deal page's shape while it loads: the header, the stage path and the two columns, so
// nothing jumps when the deal arrives.
function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-md bg-zinc-200/70 ${className}`} />;
}

function CardSkeleton({ rows, className = "" }: { rows: number; className?: string }) {
  return (
    <div className={`rounded-card border border-line bg-surface shadow-card ${className}`}>
      <div className="border-b border-line px-5 py-4">
        <Bar className="h-4 w-40" />
        <Bar className="mt-2 h-3 w-64" />
      </div>
      <div className="space-y-4 p-5">
        {Array.from({ length: rows }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders that never reorder
          <div key={i} className="flex items-center gap-3">
            <Bar className="size-4 rounded-full" />
            <Bar className={`h-3.5 ${["w-3/4", "w-1/2", "w-2/3", "w-5/12"][i % 4]}`} />
          </div>
        ))}
      </div>
    </div>
  );
}

export default function LoadingOpportunity() {
  return (
    <div role="status" aria-live="polite" aria-busy="true">
      <span className="sr-only">Loading the opportunity…</span>
      <Bar className="h-3 w-32" />
      <Bar className="mt-3 h-7 w-96 max-w-full" />
      <div className="mt-5 grid grid-cols-2 gap-px overflow-hidden rounded-card border border-line bg-line md:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="bg-surface px-5 py-3.5">
            <Bar className="h-3 w-16" />
            <Bar className="mt-2 h-5 w-28" />
          </div>
        ))}
      </div>
      <div className="mt-6 rounded-card border border-line bg-surface p-4 shadow-card">
        <Bar className="h-3 w-48" />
        <div className="mt-3 flex gap-1">
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <Bar key={i} className="h-14 flex-1" />
          ))}
        </div>
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <CardSkeleton rows={4} />
          <CardSkeleton rows={6} />
        </div>
        <div className="space-y-6">
          <CardSkeleton rows={5} />
          <CardSkeleton rows={2} />
        </div>
      </div>
    </div>
  );
}
