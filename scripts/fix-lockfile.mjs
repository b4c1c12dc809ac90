#!/usr/bin/env node
// The npm registry these machines reach answers 404 for some platform-specific optional packages
// (macOS and Windows builds of @next/swc, @tailwindcss/oxide…), so `npm install` leaves them out
// of package-lock.json, and `npm ci` then refuses the lockfile as out of sync. This adds an entry
// for each missing one, marked optional and limited to its platform, so npm ci skips it.
// Run it after every `npm install` that changes the lockfile.
import fs from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const packages = lock.packages;

function platformOf(name) {
  const os = /-(darwin|linux|win32|android|freebsd|openbsd|sunos|aix)-/.exec(`${name}-`)?.[1];
  const cpu = /-(arm64|x64|arm|ia32|ppc64|s390x|wasm32|riscv64)(-|$)/.exec(name)?.[1];
  return { ...(os ? { os: [os] } : {}), ...(cpu ? { cpu: [cpu] } : {}) };
}

let added = 0;
for (const [path, pkg] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(pkg.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ""}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const version = range.replace(/^[\^~=]/, "");
    packages[`node_modules/${name}`] = { version, optional: true, ...platformOf(name) };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`fix-lockfile: added ${added} platform-only optional package(s).`);
