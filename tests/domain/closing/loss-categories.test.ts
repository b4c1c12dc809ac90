import { describe, expect, test } from "vitest";
import {
  activeCategoryKeys,
  categoryKeyOf,
  categoryLabel,
  DEFAULT_LOSS_CATEGORIES,
  editCategories,
} from "../../../src/domain/closing/loss-categories";

const stored = DEFAULT_LOSS_CATEGORIES;

describe("loss categories", () => {
  test("a new category's key comes from its label", () => {
    expect(categoryKeyOf("Lost to a competitor")).toBe("lost_to_a_competitor");
    expect(categoryKeyOf("  Sécurité / RGPD ")).toBe("securite_rgpd");
  });

  test("a rename keeps the key, so past losses still group under it", () => {
    const result = editCategories(stored, [...stored.map((c) => (c.key === "price" ? { ...c, label: "Price too high" } : c))]);
    expect(result.ok && result.categories.find((c) => c.key === "price")?.label).toBe("Price too high");
  });

  test("a category left out is kept, retired, and no longer chosen", () => {
    const result = editCategories(
      stored,
      stored.filter((c) => c.key !== "timing"),
    );
    if (!result.ok) throw new Error(result.problems.join());
    expect(result.categories.find((c) => c.key === "timing")).toEqual({ key: "timing", label: "Timing", retired: true });
    expect(activeCategoryKeys(result.categories)).not.toContain("timing");
    expect(categoryLabel(result.categories, "timing")).toBe("Timing");
  });

  test("a new category is added at its place", () => {
    const result = editCategories(stored, [{ label: "Security review failed" }, ...stored]);
    expect(result.ok && result.categories[0]).toEqual({ key: "security_review_failed", label: "Security review failed", retired: false });
  });

  test.each([
    [[{ label: " " }], /give it a name/],
    [[{ label: "!!!" }], /at least one letter/],
    [[{ label: "Price" }, { label: "price" }], /twice/],
    [[{ key: "price", label: "Price" }, { label: "Price" }], /twice/],
    [[{ key: "nope", label: "Nope" }], /no category has the key nope/],
    [[{ key: "price", label: "Price", retired: true }], /at least one category in use/],
  ])("%j is refused", (edit, problem) => {
    const result = editCategories(stored, edit);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join(" ")).toMatch(problem);
  });

  test("an unknown key reads as itself", () => {
    expect(categoryLabel(stored, "gone")).toBe("gone");
  });
});
