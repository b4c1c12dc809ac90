import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { acquireFolderLock } from "@/src/server/folder-lock";

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "stageline-lock-"));

test("a folder held by another live process cannot be opened", () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, "stageline.pid"), String(process.ppid)); // our parent is alive
  expect(() => acquireFolderLock(dir)).toThrow(/in use by process/);
});

test("a lock left by a dead process is taken over, and released", () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, "stageline.pid"), "999999999");
  const release = acquireFolderLock(dir);
  expect(fs.readFileSync(path.join(dir, "stageline.pid"), "utf8")).toBe(String(process.pid));
  release();
  expect(fs.existsSync(path.join(dir, "stageline.pid"))).toBe(false);
});
