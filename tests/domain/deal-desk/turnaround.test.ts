import { describe, expect, test } from "vitest";
import { businessHoursBetween, turnaround, turnaroundDueAt } from "@/src/domain/deal-desk/turnaround";

const at = (iso: string) => new Date(iso);

describe("business hours between two moments", () => {
  test("within a weekday, every hour counts", () => {
    expect(businessHoursBetween(at("2027-03-03T09:00:00Z"), at("2027-03-03T17:30:00Z"))).toBe(8.5);
  });

  test("a weekend adds nothing: Friday 15:00 to Monday 09:00 is nine hours on Friday and nine on Monday", () => {
    // 2027-03-05 is a Friday.
    expect(businessHoursBetween(at("2027-03-05T15:00:00Z"), at("2027-03-08T09:00:00Z"))).toBe(18);
  });

  test("a time inside the weekend counts from Monday", () => {
    expect(businessHoursBetween(at("2027-03-06T10:00:00Z"), at("2027-03-08T02:00:00Z"))).toBe(2);
    expect(businessHoursBetween(at("2027-03-06T10:00:00Z"), at("2027-03-07T23:00:00Z"))).toBe(0);
  });

  test("whole weeks count five days each, from any weekday", () => {
    expect(businessHoursBetween(at("2027-03-03T12:00:00Z"), at("2027-03-24T12:00:00Z"))).toBe(3 * 120);
  });

  test("an end before the start is no time at all", () => {
    expect(businessHoursBetween(at("2027-03-03T12:00:00Z"), at("2027-03-02T12:00:00Z"))).toBe(0);
  });
});

describe("when a request is due", () => {
  test("24 business hours from a Tuesday morning is Wednesday morning", () => {
    expect(turnaroundDueAt(at("2027-03-02T09:00:00Z"), 24)).toEqual(at("2027-03-03T09:00:00Z"));
  });

  test("24 business hours from a Friday afternoon is Monday afternoon", () => {
    expect(turnaroundDueAt(at("2027-03-05T15:00:00Z"), 24)).toEqual(at("2027-03-08T15:00:00Z"));
  });

  test("a request made on Saturday starts its clock on Monday", () => {
    expect(turnaroundDueAt(at("2027-03-06T11:00:00Z"), 8)).toEqual(at("2027-03-08T08:00:00Z"));
  });

  test("a due time that falls exactly at midnight before a weekend is Friday's end", () => {
    expect(turnaroundDueAt(at("2027-03-05T00:00:00Z"), 24)).toEqual(at("2027-03-06T00:00:00Z"));
  });

  test("longer targets cross weekends: 240 business hours is two calendar weeks", () => {
    expect(turnaroundDueAt(at("2027-03-03T10:00:00Z"), 240)).toEqual(at("2027-03-17T10:00:00Z"));
    expect(turnaroundDueAt(at("2027-03-03T10:00:00Z"), 130)).toEqual(at("2027-03-10T20:00:00Z"));
  });

  test("the due time and the elapsed hours agree", () => {
    for (const start of ["2027-03-01T07:00:00Z", "2027-03-05T22:00:00Z", "2027-03-07T13:00:00Z"])
      for (const hours of [1, 24, 36, 100, 121, 240]) expect(businessHoursBetween(at(start), turnaroundDueAt(at(start), hours))).toBe(hours);
  });
});

describe("a request's turnaround", () => {
  test("on time until the due moment, late after it", () => {
    const created = at("2027-03-05T15:00:00Z");
    expect(turnaround(created, 24, at("2027-03-08T15:00:00Z"))).toEqual({
      ageHours: 24,
      targetHours: 24,
      dueAt: at("2027-03-08T15:00:00Z"),
      late: false,
    });
    expect(turnaround(created, 24, at("2027-03-08T16:00:00Z")).late).toBe(true);
    expect(turnaround(created, 24, at("2027-03-08T16:00:00Z")).ageHours).toBe(25);
  });
});
