// Why deals are lost: the categories a Closed Lost move chooses from, which admins edit
// (docs/rules/closing.md, "Loss categories"). A category keeps its key for life: a rename changes
// its label, and one taken off the list is retired, so that past losses still read and group by it.

export type LossCategory = { key: string; label: string; retired: boolean };

export const DEFAULT_LOSS_CATEGORIES: readonly LossCategory[] = [
  { key: "price", label: "Price", retired: false },
  { key: "competitor", label: "Lost to a competitor", retired: false },
  { key: "missing_functionality", label: "Missing functionality", retired: false },
  { key: "no_decision", label: "No decision: stayed with the status quo", retired: false },
  { key: "no_budget", label: "No budget", retired: false },
  { key: "timing", label: "Timing", retired: false },
  { key: "other", label: "Other", retired: false },
];

/** `Lost to a competitor` → `lost_to_a_competitor`: the key of a new category, from its label. */
export function categoryKeyOf(label: string): string {
  return label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60);
}

export const activeCategoryKeys = (list: readonly LossCategory[]) => list.filter((c) => !c.retired).map((c) => c.key);

export const categoryLabel = (list: readonly LossCategory[], key: string) => list.find((c) => c.key === key)?.label ?? key;

export type CategoryEdit = { key?: string; label: string; retired?: boolean };

/**
 * The list an admin's edit leaves: entries with a key keep it (a rename), new ones get a key from
 * their label, and a stored category the edit leaves out is kept, retired. Problems in words, or the list.
 */
export function editCategories(
  stored: readonly LossCategory[],
  edit: readonly CategoryEdit[],
): { ok: true; categories: LossCategory[] } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const next: LossCategory[] = edit.map((e) => ({ key: e.key ?? categoryKeyOf(e.label), label: e.label.trim(), retired: e.retired ?? false }));
  next.forEach((c, i) => {
    if (!c.label) problems.push(`Category ${i + 1}: give it a name.`);
    else if (!c.key) problems.push(`"${c.label}": a name needs at least one letter or digit.`);
  });
  const seen = new Map<string, string>();
  for (const c of next) {
    const label = c.label.toLowerCase();
    if (seen.has(c.key) || [...seen.values()].includes(label)) problems.push(`"${c.label}" is on the list twice.`);
    seen.set(c.key, label);
  }
  const unknownKey = edit.find((e) => e.key !== undefined && !stored.some((s) => s.key === e.key));
  if (unknownKey) problems.push(`"${unknownKey.label}": no category has the key ${unknownKey.key}.`);
  if (!next.some((c) => !c.retired)) problems.push("Keep at least one category in use.");
  if (problems.length) return { ok: false, problems };
  const left = stored.filter((s) => !next.some((c) => c.key === s.key)).map((s) => ({ ...s, retired: true }));
  return { ok: true, categories: [...next, ...left] };
}
