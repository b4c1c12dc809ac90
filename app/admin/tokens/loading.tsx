function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-md bg-zinc-200/70 ${className}`} />;
}

/** The access page's shape while it loads: the header, the filters and a few rows. */
export default function TokensLoading() {
  return (
    <div role="status" aria-live="polite" aria-busy="true">
      <span className="sr-only">Loading the API tokens…</span>
      <Bar className="h-7 w-32" />
      <Bar className="mt-3 h-4 w-96 max-w-full" />
      <div className="mt-8 rounded-card border border-line bg-surface shadow-card">
        <div className="border-b border-line p-5">
          <Bar className="h-10 w-80 max-w-full" />
        </div>
        <div className="divide-y divide-line">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="px-5 py-4">
              <Bar className="h-4 w-full" />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
