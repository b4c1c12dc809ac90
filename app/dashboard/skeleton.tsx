function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-md bg-zinc-200/70 ${className}`} />;
}

/** The figures' shape while they are computed: a few sections, below the header and filters already shown. */
export function FiguresSkeleton() {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className="space-y-6">
      <span className="sr-only">Computing the figures…</span>
      <Bar className="h-4 w-80 max-w-full" />
      {[0, 1, 2].map((i) => (
        <div key={i} className="rounded-card border border-line bg-surface p-5 shadow-card">
          <Bar className="h-5 w-40" />
          <Bar className="mt-2 h-4 w-96 max-w-full" />
          <div className="mt-5 grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
            {[0, 1, 2, 3].map((j) => (
              <Bar key={j} className="h-20" />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
