import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  detectDelimiter,
  FORMULA_START,
  parseImportAmount,
  parseImportDate,
  parseImportType,
  stageToken,
  unprotectCell,
} from "@/src/domain/imports/csv-values";

const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }) => (r.ok ? r.value : `error: ${r.message}`);

describe("amounts as vendors and locales write them", () => {
  test.each([
    ["1234.5", ".", 1234.5],
    ["$1,234,567.50", ".", 1234567.5],
    ["1.234.567,50 €", ",", 1234567.5],
    ["EUR 12 500,00", ",", 12500],
    ["12\u00a0500,5", ",", 12500.5],
    ["1'250.75", ".", 1250.75],
    ["1.234,56", ".", 1234.56], // both marks: the last is the decimal one, whatever the hint
    ["1,234.56", ",", 1234.56],
    ["1.234", ",", 1234],
    ["1,234", ".", 1234],
    ["99,9", ",", 99.9],
    ["", ".", 0],
  ] as const)("%s (decimal %s) is %d", (raw, mark, expected) => {
    expect(value(parseImportAmount(raw, mark))).toBe(expected);
  });

  test.each([
    ["12,34,5", ".", "the thousands are not grouped by three"],
    ["1,5", ".", "the thousands are not grouped by three"],
    ["1.005", ".", "at most two decimals"],
    ["-100", ".", "negative"],
    ["(100)", ".", "negative"],
    ["ten", ".", "not a number"],
    ["1.2.3", ",", "the thousands are not grouped by three"],
    ["1,2,3", ",", "more than one decimal mark"],
  ] as const)("%s (decimal %s) is refused: %s", (raw, mark, why) => {
    expect(value(parseImportAmount(raw, mark))).toContain(why);
  });
});

describe("dates as vendors write them", () => {
  test.each([
    ["2027-03-31", "mdy", "2027-03-31"],
    ["2027-3-1", "mdy", "2027-03-01"],
    ["2027-03-31 00:00", "mdy", "2027-03-31"],
    ["2027-03-31T10:00:00Z", "mdy", "2027-03-31"],
    ["3/31/2027", "mdy", "2027-03-31"],
    ["3/31/2027 10:15 AM", "mdy", "2027-03-31"],
    ["31/03/2027", "dmy", "2027-03-31"],
    ["31.3.2027", "mdy", "2027-03-31"],
    ["01.12.2026", "dmy", "2026-12-01"],
    ["", "mdy", null],
  ] as const)("%s (%s) is %s", (raw, order, expected) => {
    expect(value(parseImportDate(raw, order))).toBe(expected);
  });

  test.each([
    ["31/03/2027", "mdy"],
    ["2/30/2027", "mdy"],
    ["30.2.2027", "dmy"],
    ["March 31, 2027", "mdy"],
    ["27-03-31", "mdy"],
  ] as const)("%s (%s) is refused", (raw, order) => {
    expect(value(parseImportDate(raw, order))).toMatch(/^error: /);
  });
});

test("deal types: new business, or existing business (an expansion)", () => {
  expect(["New Customer", "newbusiness", "New Business", ""].map((t) => value(parseImportType(t)))).toEqual(["new", "new", "new", "new"]);
  expect(["Existing Customer - Upgrade", "existingbusiness", "Renewal"].map((t) => value(parseImportType(t)))).toEqual([
    "expansion",
    "expansion",
    "expansion",
  ]);
  expect(value(parseImportType("partnership"))).toMatch(/not a deal type/);
});

test("stages are compared by their letters and digits only", () => {
  expect(stageToken("Proposal/Price Quote")).toBe("proposalpricequote");
  expect(stageToken("Decision Maker Bought-In")).toBe("decisionmakerboughtin");
  expect(stageToken("closed_won")).toBe(stageToken("Closed Won"));
});

test("the separator is the one the header line uses most, outside quotes", () => {
  expect(detectDelimiter("a,b,c")).toBe(",");
  expect(detectDelimiter("a;b;c")).toBe(";");
  expect(detectDelimiter('"a,1";"b,2";c')).toBe(";");
  expect(detectDelimiter("a\tb\tc")).toBe("\t");
  expect(detectDelimiter("single")).toBe(",");
});

describe("cells protected from spreadsheets' formulas", () => {
  const protect = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell);

  test.each([
    ["=HYPERLINK(1)", "'=HYPERLINK(1)"],
    ["+1 555", "'+1 555"],
    ["-foo", "'-foo"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tnote", "'\tnote"],
    ["\rnote", "'\rnote"],
    ["'=x", "''=x"],
    ["'quoted'", "'quoted'"],
    ["plain", "plain"],
    ["a=b", "a=b"],
    ["", ""],
  ])("%j is written %j and read back", (cell, written) => {
    expect(protect(cell)).toBe(written);
    expect(unprotectCell(written)).toBe(cell);
  });

  test("any text survives protecting and reading back", () => {
    const text = fc.string({ unit: fc.constantFrom("'", "=", "+", "-", "@", "\t", "\r", "a", " ", ","), maxLength: 8 });
    fc.assert(fc.property(fc.oneof(text, fc.string()), (cell) => unprotectCell(protect(cell)) === cell));
  });
});
