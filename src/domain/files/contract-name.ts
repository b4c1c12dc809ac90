// The signed contract's file name convention (docs/rules/contracts-and-files.md):
//   new customer: CLOSEDATE_COMPANYNAME_#OFYEARS           e.g. 3.24.22_Envoy_2
//   expansion:    CLOSEDATE_COMPANYNAME_EXPANSION_#OFUSERS e.g. 3.24.22_Envoy_EXPANSION_11
// The date is month.day.two-digit-year without leading zeros.
import type { CalendarDate } from "../dates";

export type ContractFacts = {
  closeDate: CalendarDate;
  accountName: string;
  type: "new" | "expansion";
  years: number | null;
  users: number | null;
  termMonths: number;
};

export function conventionDate(date: CalendarDate): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${m}.${d}.${String(y % 100).padStart(2, "0")}`;
}

// Letters that Unicode does not decompose into a base letter and an accent.
const TRANSLITERATE: Record<string, string> = {
  Ø: "O",
  ø: "o",
  Ł: "L",
  ł: "l",
  Đ: "D",
  đ: "d",
  Æ: "AE",
  æ: "ae",
  Œ: "OE",
  œ: "oe",
  ß: "ss",
  Þ: "Th",
  þ: "th",
  ı: "i",
};

/** The company name as it may appear in a file name: no separators, no characters file systems refuse. */
export function safeCompanyName(name: string): string {
  const cleaned = name
    .replace(/[ØøŁłĐđÆæŒœßÞþı]/g, (c) => TRANSLITERATE[c]!)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents: Café → Cafe
    .replace(/[^A-Za-z0-9&+\- ]+/g, " ") // slashes, colons, underscores (our separator), dots, quotes…
    .trim()
    .replace(/\s+/g, "-")
    .replace(/-{2,}/g, "-")
    .slice(0, 60)
    .replace(/^-+|-+$/g, "");
  return cleaned || "Account";
}

/** Years on the contract: the deal's own figure, else its term rounded up to whole years. */
export const contractYears = (f: Pick<ContractFacts, "years" | "termMonths">) => f.years ?? Math.max(1, Math.ceil(f.termMonths / 12));

/** An expansion contract is named with its number of users: until the deal has them, it cannot be named (docs/rules/contracts-and-files.md). */
export const contractNeedsUsers = (f: Pick<ContractFacts, "type" | "users">) => f.type === "expansion" && f.users === null;

/** The base name (without extension) a signed contract must carry. */
export function contractBaseName(f: ContractFacts): string {
  const head = `${conventionDate(f.closeDate)}_${safeCompanyName(f.accountName)}`;
  return f.type === "expansion" ? `${head}_EXPANSION_${f.users ?? 0}` : `${head}_${contractYears(f)}`;
}

/** Does a stored file name follow the convention for this deal? Any valid date part is accepted:
 * the contract is named for the date it was signed, which may differ from today's close date. */
export function followsContractConvention(storedName: string, f: Omit<ContractFacts, "closeDate">): boolean {
  const base = storedName.replace(/\.[A-Za-z0-9]{1,8}$/, "");
  const match = /^(\d{1,2})\.(\d{1,2})\.(\d{2})_(.+)$/.exec(base);
  if (!match) return false;
  const [, m, d, yy] = match.map(Number) as [number, number, number, number];
  const daysInMonth = new Date(Date.UTC(2000 + yy, m, 0)).getUTCDate();
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth || match[1]!.startsWith("0") || match[2]!.startsWith("0")) return false;
  if (contractNeedsUsers(f)) return false;
  const tail = f.type === "expansion" ? `EXPANSION_${f.users ?? 0}` : String(contractYears(f));
  return match[4] === `${safeCompanyName(f.accountName)}_${tail}`;
}
