// Money crosses the API in major units (at most two decimals) and is stored as integer cents.

/**
 * The ISO 4217 codes of currencies in use, from the ICU data Node ships with (Intl), so the list
 * follows the standard without one of ours to keep up to date; alphabetical.
 */
export const CURRENCY_CODES: readonly string[] = Intl.supportedValuesOf("currency");
const CURRENCIES = new Set(CURRENCY_CODES);

export const isCurrencyCode = (code: string): boolean => CURRENCIES.has(code);

/** 1234.5 → 123450n. Rounds away float noise (0.1 + 0.2) but never invents precision. */
export function toCents(amount: number): bigint {
  return BigInt(Math.round(amount * 100));
}

export function fromCents(cents: bigint | number): number {
  return Number(cents) / 100;
}

/**
 * The currency most deals use, from counts per currency (a currency may come several times): totals
 * add only that one. A tie goes to the earlier code alphabetically, so the answer never depends on
 * the order rows come back in. No deals: USD.
 */
export function mainCurrency(counts: Iterable<{ currency: string; count: number }>): string {
  const byCurrency = new Map<string, number>();
  for (const { currency, count } of counts) byCurrency.set(currency, (byCurrency.get(currency) ?? 0) + count);
  return [...byCurrency].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? "USD";
}
