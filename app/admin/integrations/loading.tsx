function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-md bg-zinc-200/70 ${className}`} />;
}

/** The integrations page's shape while it loads: the header and its four cards. */
export default function IntegrationsLoading() {
  return (
    <div role="status" aria-live="polite" aria-busy="true">
      <span className="sr-only">Loading the integrations…</span>
      <Bar className="h-7 w-40" />
      <Bar className="mt-3 h-4 w-[30rem] max-w-full" />
      <div className="mt-8 space-y-6">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="rounded-card border border-line bg-surface p-5 shadow-card">
            <Bar className="h-5 w-48" />
            <Bar className="mt-4 h-16 w-full" />
          </div>
        ))}
      </div>
    </div>
  );
}
