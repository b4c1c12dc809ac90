function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-md bg-zinc-200/70 ${className}`} />;
}

/** The queue's shape while it loads: the header, the filters and a few rows. */
export default function DeskLoading() {
  return (
    <div role="status" aria-live="polite" aria-busy="true">
      <span className="sr-only">Loading the deal desk…</span>
      <Bar className="h-7 w-48" />
      <Bar className="mt-3 h-4 w-96 max-w-full" />
      <div className="mt-8 flex flex-wrap gap-2">
        {[0, 1, 2, 3].map((i) => (
          <Bar key={i} className="h-8 w-32" />
        ))}
      </div>
      <div className="mt-5 rounded-card border border-line bg-surface shadow-card">
        <div className="flex flex-wrap gap-3 border-b border-line p-5">
          {[0, 1, 2].map((i) => (
            <Bar key={i} className="h-10 w-44" />
          ))}
        </div>
        <div className="divide-y divide-line">
          {[0, 1, 2, 3, 4].map((i) => (
            <div key={i} className="flex items-center gap-6 px-5 py-4">
              <Bar className="h-4 w-56" />
              <Bar className="h-4 w-24" />
              <Bar className="h-4 w-20" />
              <Bar className="ml-auto h-5 w-24" />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
