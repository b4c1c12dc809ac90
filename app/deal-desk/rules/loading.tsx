export default function LoadingDealDeskRules() {
  const bar = "animate-pulse rounded-md bg-zinc-200/70";
  return (
    <div role="status" aria-busy="true">
      <span className="sr-only">Loading the deal desk rules…</span>
      <div className={`${bar} h-7 w-56`} />
      <div className={`${bar} mt-3 h-4 w-[32rem] max-w-full`} />
      <div className="mt-8 grid gap-6 lg:grid-cols-3">
        <div className="divide-y divide-line rounded-card border border-line bg-surface shadow-card lg:col-span-2">
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <div key={i} className="space-y-2 px-5 py-4">
              <div className={`${bar} h-4 w-64 max-w-full`} />
              <div className={`${bar} h-3.5 w-80 max-w-full`} />
              <div className={`${bar} h-3 w-48`} />
            </div>
          ))}
        </div>
        <div className="space-y-6">
          <div className="h-44 rounded-card border border-line bg-surface shadow-card" />
          <div className="h-64 rounded-card border border-line bg-surface shadow-card" />
        </div>
      </div>
    </div>
  );
}
