// What the import page works out from a file's header, and the report as CSV rows (docs/rules/import.md).
import { describe, expect, test } from "vitest";
import { DEFAULT_COLUMNS } from "@/src/domain/imports/csv-values";
import { defaultColumns, defaultFieldOf, detectSource, missingFields, reportCsvRows } from "@/src/domain/imports/import-plan";

describe("the source a header looks like", () => {
  test("each vendor's own export is recognised from its column names", () => {
    expect(detectSource(["Opportunity ID", "Opportunity Name", "Account Name", "Amount", "Close Date", "Stage"])).toBe("salesforce");
    expect(detectSource(["Record ID", "Deal Name", "Associated Company", "Amount", "Close Date", "Deal Stage", "Deal owner"])).toBe("hubspot");
    expect(detectSource(Object.keys(DEFAULT_COLUMNS.stageline))).toBe("stageline");
  });

  test("names match without regard to case or spaces around them; a header of unknown names is taken as the app's own", () => {
    expect(detectSource(["  opportunity id", "OPPORTUNITY NAME ", "stage"])).toBe("salesforce");
    expect(detectSource(["foo", "bar"])).toBe("stageline");
    expect(detectSource([])).toBe("stageline");
  });
});

describe("the columns' default fields", () => {
  test("a column a source names maps to its field; any other is not imported", () => {
    expect(defaultFieldOf("hubspot", "deal stage")).toBe("stage");
    expect(defaultFieldOf("salesforce", "Deal Stage")).toBeNull();
    expect(defaultColumns("salesforce", ["Opportunity ID", "Owner Email", "Probability (%)"])).toEqual({
      "Opportunity ID": "externalId",
      "Owner Email": "ownerEmail",
      "Probability (%)": null,
    });
  });

  test("the fields every row needs that no column fills are named, in a fixed order", () => {
    expect(missingFields({ A: "externalId", B: "name", C: null })).toEqual(["accountName", "closeDate", "stage"]);
    expect(missingFields(defaultColumns("hubspot", Object.keys(DEFAULT_COLUMNS.hubspot)))).toEqual([]);
  });
});

describe("the report as CSV rows", () => {
  test("one line per row, or one per problem of a refused row, under a header", () => {
    expect(
      reportCsvRows([
        { row: 2, outcome: "created", id: "d1", externalId: "006A" },
        {
          row: 3,
          outcome: "refused",
          externalId: "006B",
          errors: [
            { field: "amount", message: "bad" },
            { field: "stage", message: "unknown" },
          ],
        },
        { row: 4, outcome: "refused", errors: [{ field: "externalId", message: "missing" }] },
      ]),
    ).toEqual([
      ["row", "outcome", "id", "externalId", "field", "problem"],
      ["2", "created", "d1", "006A", "", ""],
      ["3", "refused", "", "006B", "amount", "bad"],
      ["3", "refused", "", "006B", "stage", "unknown"],
      ["4", "refused", "", "", "externalId", "missing"],
    ]);
  });
});
