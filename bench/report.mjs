// The figures of a run as a plain-text table (stdout) and a Markdown table (docs/performance.md).
const fmt = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "-");

function rows(result) {
  return result.databases.flatMap((db) =>
    db.cells.map((c) => [
      db.label,
      String(c.concurrency),
      fmt(c.api.movesPerSecond),
      `${fmt(c.api.p50Ms)} / ${fmt(c.api.p95Ms)}`,
      fmt(c.raw.movesPerSecond),
      `${fmt(c.raw.p50Ms)} / ${fmt(c.raw.p95Ms)}`,
      `${fmt(c.api.cpuMsPerMove)} / ${fmt(c.raw.cpuMsPerMove)}`,
      fmt(c.apiToRaw, 2),
      c.meetsHalf ? "yes" : "NO",
      String(c.api.conflicts + c.raw.conflicts),
    ]),
  );
}

const HEAD = [
  "database",
  "clients",
  "API moves/s",
  "API p50/p95 ms",
  "raw moves/s",
  "raw p50/p95 ms",
  "CPU ms/move API / raw",
  "API÷raw",
  "≥ 0.6",
  "conflicts",
];

export function textTable(result) {
  const all = [HEAD, ...rows(result)];
  const widths = HEAD.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join("  ")).join("\n");
}

export function markdownTable(result) {
  const line = (r) => `| ${r.join(" | ")} |`;
  return [line(HEAD), line(HEAD.map(() => "---")), ...rows(result).map(line)].join("\n");
}

export function queryCounts(result) {
  return result.databases
    .map((db) => `${db.label}: API ${db.queries.api.min}-${db.queries.api.max}, raw ${db.queries.raw.min}-${db.queries.raw.max} statements per move`)
    .join("\n");
}

/** The dashboard benchmark's figures as a Markdown table (docs/performance.md reads the same). */
export function dashboardTable(result) {
  const head = ["database", "deals / history", "scope", "API median / p95 ms", "SQL median / p95 ms", "API÷SQL", "≤ 1.5×", "< 300 ms (organisation)"];
  const body = result.databases.flatMap((db) =>
    db.cases.map((c) => [
      db.label,
      `${db.data.deals.toLocaleString("en")} / ${db.data.historyEntries.toLocaleString("en")}`,
      c.label,
      `${fmt(c.api.medianMs)} / ${fmt(c.api.p95Ms)}`,
      `${fmt(c.raw.medianMs)} / ${fmt(c.raw.p95Ms)}`,
      fmt(c.apiToRaw, 2),
      c.meetsRatio ? "yes" : "NO",
      c.label.startsWith("whole") ? (c.meetsTime ? "yes" : "NO") : "",
    ]),
  );
  const line = (r) => `| ${r.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...body.map(line)].join("\n");
}

/** The page weight of every page (bench/page-weight.ts) as a Markdown table: docs/performance.md, "Page weight". */
export function pageWeightTable(weights) {
  const kib = (x) => `${x.toFixed(1)} KiB`;
  const lines = [
    `First-load JavaScript per page, gzip level 9 (limit ${weights.limitKiB} KiB on opening)`,
    "",
    "| page | heaviest view (of the views that open it) | in the HTML, gzip | on opening, gzip (scripts) | raw | within limit |",
    "| --- | --- | ---: | ---: | ---: | --- |",
  ];
  for (const p of weights.pages) {
    if (!p.viewer) lines.push(`| ${p.route} | redirects to ${p.redirectsTo} | – | – | – | – |`);
    else
      lines.push(
        `| ${p.route} | ${p.viewer} (${p.viewers.join(", ")}) | ${kib(p.html.gzipKiB)} | ${kib(p.opening.gzipKiB)} (${p.opening.scripts}) | ${kib(p.opening.rawKiB)} | ${p.overLimit ? "**NO**" : "yes"} |`,
      );
  }
  lines.push("", `Loaded by every page: ${kib(weights.shared.gzipKiB)} gzip (${weights.shared.scripts} scripts, ${kib(weights.shared.rawKiB)} raw)`);
  return lines.join("\n");
}

/** The CSV import benchmark's figures as a Markdown table (docs/performance.md reads the same). */
export function importTable(result) {
  const head = [
    "database",
    "rows (file)",
    "import rows/s (s)",
    "re-import rows/s",
    "plain INSERT rows/s (s)",
    "import÷INSERT",
    "≥ ⅓",
    "heap peak: a tenth / all",
  ];
  const body = result.databases.map((db) => [
    db.label,
    `${db.rows.toLocaleString("en")} (${db.fileMb} MB)`,
    `${db.api.rowsPerSecond} (${db.api.seconds})`,
    String(db.reimport.rowsPerSecond),
    `${db.raw.rowsPerSecond} (${db.raw.seconds})`,
    fmt(db.apiToRaw, 2),
    db.meetsGoal ? "yes" : "NO",
    `${db.tenth.peakMb} / ${db.api.peakMb} MB`,
  ]);
  const line = (r) => `| ${r.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...body.map(line)].join("\n");
}

/** Moves over HTTP, direct and through nginx (bench/nginx-moves.ts), as a Markdown table: docs/performance.md, "Moves through nginx". */
export function clusterTable(result) {
  const head = [
    "database",
    "topology",
    "instances",
    "clients",
    "moves/s",
    "p50 ms",
    "p95 ms",
    "÷ direct",
    "conflicts",
    "CPU ms/move: app / nginx / PgBouncer / PostgreSQL",
  ];
  const directAt = new Map(result.cells.filter((c) => c.topology === "direct").map((c) => [c.concurrency, c.movesPerSecond]));
  const order = { direct: 0, "nginx-1": 1, "nginx-2": 2 };
  const cells = [...result.cells].sort((a, b) => a.concurrency - b.concurrency || order[a.topology] - order[b.topology]);
  const body = cells.map((c) => [
    `PostgreSQL ${result.version}`,
    c.topology === "direct" ? "direct (no nginx, no PgBouncer)" : "nginx → PgBouncer",
    String(c.instances),
    String(c.concurrency),
    fmt(c.movesPerSecond),
    fmt(c.p50Ms),
    fmt(c.p95Ms),
    fmt(c.movesPerSecond / directAt.get(c.concurrency), 2),
    String(c.conflicts),
    c.topology === "direct"
      ? `${fmt(c.serverCpuMsPerMove.app)} / – / – / ${fmt(c.serverCpuMsPerMove.postgres)}`
      : ["app", "nginx", "pgbouncer", "postgres"].map((part) => fmt(c.serverCpuMsPerMove[part])).join(" / "),
  ]);
  const line = (r) => `| ${r.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...body.map(line)].join("\n");
}
