function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-md bg-zinc-200/70 ${className}`} />;
}

/** The import page's shape while it loads: the header and the file picker. */
export default function ImportLoading() {
  return (
    <div role="status" aria-live="polite" aria-busy="true">
      <span className="sr-only">Loading the import…</span>
      <Bar className="h-7 w-56" />
      <Bar className="mt-3 h-4 w-[32rem] max-w-full" />
      <div className="mt-8 rounded-card border border-line bg-surface p-5 shadow-card">
        <Bar className="h-5 w-40" />
        <Bar className="mt-4 h-32 w-full" />
      </div>
    </div>
  );
}
