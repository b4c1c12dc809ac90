export default function Loading() {
  const bar = "animate-pulse rounded-md bg-zinc-200/70";
  return (
    <div role="status" aria-busy="true">
      <span className="sr-only">Loading the users…</span>
      <div className={`${bar} h-7 w-40`} />
      <div className={`${bar} mt-3 h-4 w-[32rem] max-w-full`} />
      <div className="mt-8 space-y-6">
        <div className="h-40 rounded-card border border-line bg-surface shadow-card" />
        <div className="h-96 rounded-card border border-line bg-surface shadow-card" />
      </div>
    </div>
  );
}
