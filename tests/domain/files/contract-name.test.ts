// The signed contract's file name convention (docs/rules/contracts-and-files.md):
//   new customer CLOSEDATE_COMPANYNAME_#OFYEARS, expansion CLOSEDATE_COMPANYNAME_EXPANSION_#OFUSERS,
//   the date month.day.two-digit-year without leading zeros.
import { describe, expect, test } from "vitest";
import {
  contractBaseName,
  contractNeedsUsers,
  contractYears,
  conventionDate,
  followsContractConvention,
  safeCompanyName,
  type ContractFacts,
} from "@/src/domain/files/contract-name";

const contract = (overrides: Partial<ContractFacts> = {}): ContractFacts => ({
  closeDate: "2022-03-24",
  accountName: "Envoy",
  type: "new",
  years: null,
  users: null,
  termMonths: 12,
  ...overrides,
});

describe("the source's example", () => {
  test("an expansion of Envoy for 11 users closing 2022-03-24 is 3.24.22_Envoy_EXPANSION_11", () => {
    expect(contractBaseName(contract({ type: "expansion", users: 11 }))).toBe("3.24.22_Envoy_EXPANSION_11");
  });
});

describe("new customer: CLOSEDATE_COMPANYNAME_#OFYEARS", () => {
  test("the deal's own number of years is used when given", () => {
    expect(contractBaseName(contract({ years: 2 }))).toBe("3.24.22_Envoy_2");
    expect(contractBaseName(contract({ years: 3, termMonths: 12 }))).toBe("3.24.22_Envoy_3");
  });

  test.each([
    [1, 1],
    [6, 1],
    [12, 1],
    [13, 2],
    [18, 2],
    [24, 2],
    [36, 3],
    [60, 5],
  ])("without years, a %i-month term gives %i years (rounded up, at least one)", (termMonths, years) => {
    expect(contractYears({ years: null, termMonths })).toBe(years);
    expect(contractBaseName(contract({ termMonths }))).toBe(`3.24.22_Envoy_${years}`);
  });

  test("a new customer's name carries no EXPANSION and no users", () => {
    expect(contractBaseName(contract({ users: 40, years: 1 }))).toBe("3.24.22_Envoy_1");
  });

  test("an expansion's name carries users, not years", () => {
    expect(contractBaseName(contract({ type: "expansion", users: 250, years: 3, termMonths: 36 }))).toBe("3.24.22_Envoy_EXPANSION_250");
  });
});

describe("the date: month.day.two-digit-year without leading zeros", () => {
  test.each([
    ["2022-03-24", "3.24.22"],
    ["2023-01-05", "1.5.23"],
    ["2023-10-10", "10.10.23"],
    ["2023-12-31", "12.31.23"],
    ["2024-02-29", "2.29.24"],
    ["2099-09-09", "9.9.99"],
  ])("%s is written %s", (date, expected) => {
    expect(conventionDate(date)).toBe(expected);
  });

  test.each([
    ["2005-07-04", "7.4.05"],
    ["2000-01-01", "1.1.00"],
    ["2009-11-30", "11.30.09"],
  ])("a year from 2000 to 2009 keeps two digits: %s is %s", (date, expected) => {
    expect(conventionDate(date)).toBe(expected);
  });
});

describe("the company name as it may appear in a file name", () => {
  test.each([
    ["Envoy", "Envoy"],
    ["AC/DC", "AC-DC"],
    ["Back\\Slash", "Back-Slash"],
    ["Acme: Europe", "Acme-Europe"],
    ["Acme_Corp", "Acme-Corp"],
    ["Café Société", "Cafe-Societe"],
    ["Müller GmbH", "Muller-GmbH"],
    ["Acme Inc.", "Acme-Inc"],
    ["acme.io", "acme-io"],
    ['O\'Brien "Group"', "O-Brien-Group"],
    ["Johnson & Johnson", "Johnson-&-Johnson"],
    ["A+B Labs", "A+B-Labs"],
    ["Rolls-Royce", "Rolls-Royce"],
    ["  --Acme--  ", "Acme"],
    ["...Acme!!!", "Acme"],
    ["Big    Space\tCo", "Big-Space-Co"],
    ["a - b", "a-b"],
    ["<Acme>|*?", "Acme"],
  ])("%j becomes %j", (name, expected) => {
    expect(safeCompanyName(name)).toBe(expected);
  });

  test.each(["", "   ", "///", "___", "-", "日本語", "..."])("%j, with nothing usable, becomes Account", (name) => {
    expect(safeCompanyName(name)).toBe("Account");
  });

  // Regression: NFKD only decomposes letters that carry a combining accent; letters with no
  // decomposition (Ø, Ł, Đ, Æ, Œ, ß) were replaced by a separator: Ørsted became "rsted".
  test.each([
    ["Ørsted", "Orsted"],
    ["Łódź Logistics", "Lodz-Logistics"],
    ["Straße AG", "Strasse-AG"],
    ["Æther Œuvre", "AEther-OEuvre"],
    ["Đorđe d.o.o.", "Dorde-d-o-o"],
  ])("an accented letter without a decomposition is transliterated, not dropped: %j becomes %j", (name, expected) => {
    expect(safeCompanyName(name)).toBe(expected);
  });

  test("a very long name is cut to 60 characters, never ending on a hyphen", () => {
    const long = "International Business Machines Corporation of the Americas and Europe";
    const safe = safeCompanyName(long);
    expect(safe).toBe("International-Business-Machines-Corporation-of-the-Americas");
    expect(safe.length).toBeLessThanOrEqual(60);
    const cutOnSpace = safeCompanyName(`${"a".repeat(59)} bcd`);
    expect(cutOnSpace).toBe("a".repeat(59));
    expect(safeCompanyName("x".repeat(500))).toBe("x".repeat(60));
  });

  test("the contract name uses the safe company name", () => {
    expect(contractBaseName(contract({ accountName: "Café/Bar_Co.", years: 2 }))).toBe("3.24.22_Cafe-Bar-Co_2");
  });
});

describe("does a stored file follow the convention for this deal", () => {
  const deal = { accountName: "Envoy", type: "new" as const, years: 2, users: null, termMonths: 24 };
  const expansion = { accountName: "Envoy", type: "expansion" as const, years: null, users: 11, termMonths: 12 };

  test.each(["3.24.22_Envoy_2.pdf", "3.24.22_Envoy_2.docx", "3.24.22_Envoy_2.PDF", "3.24.22_Envoy_2"])(
    "the deal's own name %s is accepted",
    (name) => {
      expect(followsContractConvention(name, deal)).toBe(true);
    },
  );

  test.each(["12.1.23_Envoy_2.pdf", "1.5.23_Envoy_2.pdf", "10.31.21_Envoy_2.pdf"])(
    "%s, another valid date (the signing date), is accepted",
    (name) => {
      expect(followsContractConvention(name, deal)).toBe(true);
    },
  );

  test.each([
    ["a wrong company", "3.24.22_Acme_2.pdf"],
    ["the raw, unsafe company name", "3.24.22_Envoy Inc._2.pdf"],
    ["another case of the company", "3.24.22_envoy_2.pdf"],
    ["wrong years", "3.24.22_Envoy_3.pdf"],
    ["no years", "3.24.22_Envoy.pdf"],
    ["a leading zero on the month", "03.24.22_Envoy_2.pdf"],
    ["a leading zero on the day", "1.05.23_Envoy_2.pdf"],
    ["a four-digit year", "3.24.2022_Envoy_2.pdf"],
    ["a one-digit year", "3.24.2_Envoy_2.pdf"],
    ["month 13", "13.24.22_Envoy_2.pdf"],
    ["month 0", "0.24.22_Envoy_2.pdf"],
    ["day 0", "3.0.22_Envoy_2.pdf"],
    ["day 32", "3.32.22_Envoy_2.pdf"],
    ["an ISO date", "2022-03-24_Envoy_2.pdf"],
    ["hyphens for separators", "3.24.22-Envoy-2.pdf"],
    ["an EXPANSION part on a new customer", "3.24.22_Envoy_EXPANSION_2.pdf"],
    ["a suffix after the name", "3.24.22_Envoy_2 (1).pdf"],
    ["a prefix", "signed_3.24.22_Envoy_2.pdf"],
  ])("%s is rejected (%s)", (_, name) => {
    expect(followsContractConvention(name, deal)).toBe(false);
  });

  // Regression: the day was only checked against 1..31 whatever the month and year; 2.30.22 is not a
  // date anyone signed on.
  test.each(["2.30.22_Envoy_2.pdf", "2.31.22_Envoy_2.pdf", "4.31.22_Envoy_2.pdf", "2.29.23_Envoy_2.pdf"])(
    "an impossible calendar date %s is rejected",
    (name) => {
      expect(followsContractConvention(name, deal)).toBe(false);
    },
  );

  test("a real leap day is accepted", () => {
    expect(followsContractConvention("2.29.24_Envoy_2.pdf", deal)).toBe(true);
  });

  test("an expansion's file needs EXPANSION and the number of users", () => {
    expect(followsContractConvention("3.24.22_Envoy_EXPANSION_11.pdf", expansion)).toBe(true);
    expect(followsContractConvention("3.24.22_Envoy_11.pdf", expansion)).toBe(false);
    expect(followsContractConvention("3.24.22_Envoy_1.pdf", expansion)).toBe(false);
    expect(followsContractConvention("3.24.22_Envoy_EXPANSION_12.pdf", expansion)).toBe(false);
    expect(followsContractConvention("3.24.22_Envoy_expansion_11.pdf", expansion)).toBe(false);
  });

  test("a new customer without years is checked against the years derived from the term", () => {
    const derived = { ...deal, years: null, termMonths: 18 };
    expect(followsContractConvention("3.24.22_Envoy_2.pdf", derived)).toBe(true);
    expect(followsContractConvention("3.24.22_Envoy_1.pdf", derived)).toBe(false);
  });

  test("an unsafe account name is matched through its safe form", () => {
    const cafe = { ...deal, accountName: "Café/Bar" };
    expect(followsContractConvention("3.24.22_Cafe-Bar_2.pdf", cafe)).toBe(true);
    expect(followsContractConvention("3.24.22_Café/Bar_2.pdf", cafe)).toBe(false);
  });

  test("the name the app proposes is accepted, whatever the extension", () => {
    for (const ext of [".pdf", ".docx", ".p7m", ""])
      expect(followsContractConvention(`${contractBaseName(contract({ type: "expansion", users: 11 }))}${ext}`, expansion)).toBe(true);
  });
});

test("an expansion without a number of users has no valid contract name", () => {
  const expansion = { accountName: "Envoy", type: "expansion" as const, years: null, users: null, termMonths: 12 };
  expect(followsContractConvention("3.24.22_Envoy_EXPANSION_0.pdf", expansion)).toBe(false);
  expect(followsContractConvention("3.24.22_Envoy_EXPANSION_0.pdf", { ...expansion, users: 0 })).toBe(true);
});

describe("an expansion contract is named with its users, so it needs them", () => {
  test.each([
    ["an expansion without users", { type: "expansion", users: null }, true],
    ["an expansion with users", { type: "expansion", users: 11 }, false],
    ["a new customer without users", { type: "new", users: null }, false],
  ] as const)("%s needs users first: %s", (_, facts, expected) => {
    expect(contractNeedsUsers(contract(facts))).toBe(expected);
  });

  test("until it has them, no stored name follows the convention", () => {
    expect(followsContractConvention("3.24.22_Envoy_EXPANSION_0.pdf", contract({ type: "expansion", users: null }))).toBe(false);
  });
});
