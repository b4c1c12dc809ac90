export default function LoadingOutboxAdmin() {
  const bar = "animate-pulse rounded-md bg-zinc-200/70";
  return (
    <div role="status" aria-busy="true">
      <span className="sr-only">Loading the outbox…</span>
      <div className={`${bar} h-7 w-32`} />
      <div className={`${bar} mt-3 h-4 w-[32rem] max-w-full`} />
      <div className="mt-8 flex gap-2">
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <div key={i} className={`${bar} h-8 w-24 rounded-full`} />
        ))}
      </div>
      <div className="mt-5 divide-y divide-line rounded-card border border-line bg-surface shadow-card">
        {[0, 1, 2, 3, 4].map((i) => (
          <div key={i} className="space-y-2 px-5 py-4">
            <div className={`${bar} h-4 w-80 max-w-full`} />
            <div className={`${bar} h-3.5 w-96 max-w-full`} />
          </div>
        ))}
      </div>
    </div>
  );
}
