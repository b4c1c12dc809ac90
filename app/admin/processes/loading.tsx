function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-md bg-zinc-200/70 ${className}`} />;
}

/** The processes page's shape while it loads: the header, then a process card with its versions. */
export default function ProcessesLoading() {
  return (
    <div role="status" aria-live="polite" aria-busy="true">
      <span className="sr-only">Loading the processes…</span>
      <Bar className="h-7 w-36" />
      <Bar className="mt-3 h-4 w-[32rem] max-w-full" />
      {[0, 1].map((card) => (
        <div key={card} className="mt-8 rounded-card border border-line bg-surface shadow-card">
          <div className="flex items-center justify-between border-b border-line px-5 py-4">
            <Bar className="h-5 w-48" />
            <Bar className="h-8 w-20" />
          </div>
          <div className="divide-y divide-line">
            {[0, 1, 2].map((i) => (
              <div key={i} className="px-5 py-4">
                <Bar className="h-4 w-full" />
              </div>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
