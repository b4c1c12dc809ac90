// Money crosses the API in major units (at most two decimals) and is stored as integer cents.

/** 1234.5 → 123450n. Rounds away float noise (0.1 + 0.2) but never invents precision. */
export function toCents(amount: number): bigint {
  return BigInt(Math.round(amount * 100));
}

export function fromCents(cents: bigint | number): number {
  return Number(cents) / 100;
}
