import { describe, expect, test } from "vitest";
import { fromCents, mainCurrency, toCents } from "@/src/domain/money";

describe("mainCurrency", () => {
  test("the currency with the most deals, adding up a currency that comes several times", () => {
    expect(
      mainCurrency([
        { currency: "EUR", count: 3 },
        { currency: "USD", count: 2 },
        { currency: "USD", count: 2 },
      ]),
    ).toBe("USD");
  });

  test("a tie goes to the earlier code, whatever the order", () => {
    const rows = [
      { currency: "USD", count: 2 },
      { currency: "GBP", count: 2 },
      { currency: "EUR", count: 1 },
    ];
    expect(mainCurrency(rows)).toBe("GBP");
    expect(mainCurrency([...rows].reverse())).toBe("GBP");
  });

  test("no deals: USD", () => {
    expect(mainCurrency([])).toBe("USD");
  });
});

describe("cents", () => {
  test("round trip of amounts with cents", () => {
    expect(toCents(28_333.83)).toBe(2_833_383n);
    expect(fromCents(2_833_383n)).toBe(28_333.83);
  });
});
