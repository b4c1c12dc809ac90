// Which role may do what is decided in src/auth only (the table in src/auth/permissions.ts): pages,
// page models and use cases ask can(), permissionScope() or a capabilities object. A role's name
// written anywhere else is a decision made beside the table, which the table's tests would not see.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { ROLES } from "@/src/auth/permissions";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCANNED = ["app", "src"];
const SKIPPED = new Set(["src/auth", "src/generated"]);
/** The demo cast says who plays which role: data, not a decision. */
const ALLOWED_FILES = new Set(["src/server/demo/demo-users.ts"]);

function sourceFiles(dir: string): string[] {
  if (SKIPPED.has(dir)) return [];
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) ? [rel] : [];
  });
}

const literal = new RegExp(`(["'\`])(${ROLES.join("|")})\\1`, "g");

function roleLiterals(file: string): string[] {
  return fs
    .readFileSync(path.join(ROOT, file), "utf8")
    .split("\n")
    .flatMap((line, i) => (line.match(literal) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

test("no role is named outside src/auth", () => {
  const files = SCANNED.flatMap(sourceFiles).filter((f) => !ALLOWED_FILES.has(f));
  expect(files.length).toBeGreaterThan(100); // the walk found the tree
  expect(files.flatMap(roleLiterals)).toEqual([]);
});

test("the check finds a role literal where one is written", () => {
  expect(`if (actor.role === "manager")`.match(literal)).toEqual([`"manager"`]);
  expect(`case 'deal_desk':`.match(literal)).toEqual([`'deal_desk'`]);
  expect(`owner is a "manager's" pick`.match(literal)).toBeNull();
});
