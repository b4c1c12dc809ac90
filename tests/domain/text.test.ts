import { describe, expect, test } from "vitest";
import { safeFileName } from "@/src/domain/files/upload-rules";
import { stripBidiControls, webUrl } from "@/src/domain/text";

describe("stripBidiControls", () => {
  test("removes every embedding, override, isolate and pop", () => {
    const controls = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";
    expect(stripBidiControls(`In${controls}voice`)).toBe("Invoice");
    expect(stripBidiControls("Acme\u202Efdp.exe")).toBe("Acmefdp.exe");
  });

  test("keeps the marks right-to-left writers use, and everything else", () => {
    const hebrew = "\u05E9\u05E8\u05D4\u200F (IT) \u200E \u061C";
    expect(stripBidiControls(hebrew)).toBe(hebrew);
    expect(stripBidiControls("Zoë Ñúñez 株式会社")).toBe("Zoë Ñúñez 株式会社");
  });

  test("an uploaded file's name loses them too", () => {
    expect(safeFileName("contract\u202Efdp.exe\u202C.pdf")).toBe("contractfdp.exe.pdf");
  });
});

describe("webUrl", () => {
  test.each([
    ["https://crm.example.test/notes/7", "https://crm.example.test/notes/7"],
    ["  HTTP://Example.TEST  ", "http://example.test/"],
    ["https://example.test/a b", "https://example.test/a%20b"],
  ])("%j is the web address %j", (input, href) => expect(webUrl(input)).toBe(href));

  test.each([
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " java\tscript:alert(1)",
    "java\r\nscript:alert(1)",
    "\u0000javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "blob:https://example.test/1",
    "https://",
    "/relative/path",
    "//example.test/no-scheme",
    "",
  ])("%j is not a web address", (input) => expect(webUrl(input)).toBeNull());
});
