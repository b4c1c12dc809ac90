export default function LoadingNewOpportunity() {
  const bar = "animate-pulse rounded-md bg-zinc-200/70";
  return (
    <div role="status" aria-busy="true">
      <span className="sr-only">Loading the form…</span>
      <div className={`${bar} h-3 w-20`} />
      <div className={`${bar} mt-3 h-7 w-64`} />
      <div className={`${bar} mt-3 h-4 w-[28rem] max-w-full`} />
      <div className="mt-8 grid gap-6 lg:grid-cols-3">
        <div className="space-y-5 rounded-card border border-line bg-surface p-6 shadow-card lg:col-span-2">
          {[0, 1, 2, 3, 4].map((i) => (
            <div key={i}>
              <div className={`${bar} h-3.5 w-28`} />
              <div className={`${bar} mt-2 h-10 w-full`} />
            </div>
          ))}
        </div>
        <div className="h-64 rounded-card border border-line bg-surface shadow-card" />
      </div>
    </div>
  );
}
