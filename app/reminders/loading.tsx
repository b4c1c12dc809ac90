function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-md bg-zinc-200/70 ${className}`} />;
}

/** The reminders' shape while they load: the header and a few rows. */
export default function RemindersLoading() {
  return (
    <div role="status" aria-live="polite" aria-busy="true">
      <span className="sr-only">Loading your reminders…</span>
      <Bar className="h-7 w-48" />
      <Bar className="mt-3 h-4 w-96 max-w-full" />
      <div className="mt-8 rounded-card border border-line bg-surface shadow-card">
        <div className="border-b border-line p-5">
          <Bar className="h-5 w-32" />
        </div>
        <div className="divide-y divide-line">
          {[0, 1, 2].map((i) => (
            <div key={i} className="space-y-2 px-5 py-4">
              <Bar className="h-4 w-56" />
              <Bar className="h-4 w-80 max-w-full" />
              <Bar className="h-8 w-64" />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
