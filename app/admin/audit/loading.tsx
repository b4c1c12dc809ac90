export default function LoadingAuditLog() {
  const bar = "animate-pulse rounded-md bg-zinc-200/70";
  return (
    <div role="status" aria-busy="true">
      <span className="sr-only">Loading the audit log…</span>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-3">
          <div className={`${bar} h-7 w-36`} />
          <div className={`${bar} h-4 w-[32rem] max-w-full`} />
        </div>
        <div className={`${bar} h-10 w-36 rounded-lg`} />
      </div>
      <div className="mt-8 rounded-card border border-line bg-surface shadow-card">
        <div className="grid gap-3 border-b border-line p-5 sm:grid-cols-2 lg:grid-cols-6">
          {[0, 1, 2, 3, 4].map((i) => (
            <div key={i} className={`${bar} h-10 ${i === 0 ? "lg:col-span-2" : ""}`} />
          ))}
        </div>
        <div className="divide-y divide-line">
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <div key={i} className="flex gap-6 px-5 py-4">
              <div className={`${bar} h-4 w-28`} />
              <div className={`${bar} h-4 w-40`} />
              <div className={`${bar} h-4 w-24`} />
              <div className={`${bar} h-4 flex-1`} />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
