function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-md bg-zinc-200/70 ${className}`} />;
}

/** The dashboard's shape while its figures are computed: the header, the filters and a few sections. */
export default function DashboardLoading() {
  return (
    <div role="status" aria-live="polite" aria-busy="true">
      <span className="sr-only">Loading the dashboard…</span>
      <Bar className="h-7 w-40" />
      <Bar className="mt-3 h-4 w-80 max-w-full" />
      <Bar className="mt-8 h-24 w-full" />
      <div className="mt-6 space-y-6">
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
    </div>
  );
}
