export default function LoadingProcessDraft() {
  const bar = "animate-pulse rounded-md bg-zinc-200/70";
  return (
    <div role="status" aria-busy="true">
      <span className="sr-only">Loading the draft…</span>
      <div className={`${bar} h-7 w-64`} />
      <div className={`${bar} mt-3 h-4 w-[32rem] max-w-full`} />
      <div className="mt-8 grid gap-6 md:grid-cols-[15rem_minmax(0,1fr)]">
        <div className="h-96 rounded-card border border-line bg-surface shadow-card" />
        <div className="h-[32rem] rounded-card border border-line bg-surface shadow-card" />
      </div>
    </div>
  );
}
