import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import { NewPassword } from "@/src/schemas/password";

const problem = (password: string) => {
  const result = NewPassword.safeParse(password);
  return result.success ? null : result.error.issues.map((i) => i.message).join("; ");
};

describe("a new password", () => {
  test.each(["password1234", "qwertyuiop12", "Password2024!", "iloveyou1234", "letmein12345", "aaaaaaaaaaaaaaaa", "123456789012"])(
    "%s is refused as too easy to guess, with the estimator's advice",
    (password) => {
      expect(problem(password)).toMatch(/^too easy to guess: \S/);
    },
  );

  test("the advice names what is wrong", () => {
    expect(problem("password1234")).toBe("too easy to guess: This is similar to a commonly used password. Add more words that are less common.");
  });

  test("fewer than 12 characters are refused, however random", () => {
    expect(problem("xK3!vR9#pL2")).toBe("at least 12 characters");
  });

  test.each(["zebra kettle orbit 93", "daisy-river-lamp-9x", "xK3!vR9#pL2@"])("%s is accepted", (password) => {
    expect(problem(password)).toBeNull();
  });

  test("what npm run create-admin generates always passes", () => {
    for (let i = 0; i < 20; i++) expect(problem(crypto.randomBytes(18).toString("base64url"))).toBeNull();
  });

  test("more than 1024 characters are refused", () => {
    expect(NewPassword.safeParse("horse battery ".repeat(80)).success).toBe(false);
  });
});

test("l33t spellings of common passwords are still recognised", () => {
  expect(problem("p@ssw0rd1234")).toMatch(/^too easy to guess/);
  expect(problem("P4$$w0rd!2024")).toMatch(/^too easy to guess/);
});
