// What an audit entry shows: the fields that changed between before and after, and no secret.
import { describe, expect, test } from "vitest";
import { ACTION_LABELS, AUDIT_ACTIONS, SECRET_MARKER, withoutSecrets } from "@/src/domain/audit/actions";
import { changedFields, showValue } from "@/src/domain/audit/diff";

describe("changedFields", () => {
  test.each([
    [
      "created: every field, from nothing",
      null,
      { name: "A", active: true },
      [
        { field: "name", before: null, after: "A" },
        { field: "active", before: null, after: "true" },
      ],
    ],
    ["removed: every field, to nothing", { url: "https://x.test" }, null, [{ field: "url", before: "https://x.test", after: null }]],
    [
      "only what differs",
      { label: "A", active: true, version: 1 },
      { label: "A", active: false, version: 2 },
      [
        { field: "active", before: "true", after: "false" },
        { field: "version", before: "1", after: "2" },
      ],
    ],
    ["nested values compared whole, whatever their key order", { c: { a: 1, b: [1, 2] } }, { c: { b: [1, 2], a: 1 } }, []],
    [
      "a list that changed, as JSON",
      { origins: ["https://a.test"] },
      { origins: ["https://a.test", "https://b.test"] },
      [{ field: "origins", before: '["https://a.test"]', after: '["https://a.test","https://b.test"]' }],
    ],
    ["a field that appears", { a: 1 }, { a: 1, b: null }, []],
    ["nothing on either side", null, null, []],
  ])("%s", (_name, before, after, expected) => {
    expect(changedFields(before, after)).toEqual(expected);
  });

  test("shows text as it is and everything else as JSON", () => {
    expect([showValue("a b"), showValue(3), showValue(false), showValue(null), showValue(undefined), showValue({ a: 1 })]).toEqual([
      "a b",
      "3",
      "false",
      null,
      null,
      '{"a":1}',
    ]);
  });
});

describe("withoutSecrets", () => {
  test("replaces a secret field's value at any depth, and leaves the rest", () => {
    expect(
      withoutSecrets({ url: "https://x.test", secret: "whsec_abc", nested: { token: "stl_x", list: [{ password: "p" }] }, previousSecret: null }),
    ).toEqual({
      url: "https://x.test",
      secret: SECRET_MARKER,
      nested: { token: SECRET_MARKER, list: [{ password: SECRET_MARKER }] },
      previousSecret: null,
    });
  });
});

test("every action has a label", () => {
  expect(AUDIT_ACTIONS.filter((a) => !ACTION_LABELS[a])).toEqual([]);
});
