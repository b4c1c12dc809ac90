// What the backup commands share: their arguments, their output files and their exit codes.
import fs from "node:fs";
import path from "node:path";
import { storageDir } from "../../files/storage";
import { EXIT, OpsError } from "./ops-error";

export const say = (line: string) => console.log(`[stageline] ${line}`);

/** Runs a command's body; a refusal prints its reason and exits with its code, anything else with 1. */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    console.error(`[stageline] ${(error as Error).message}`);
    process.exitCode = error instanceof OpsError ? error.exitCode : 1;
  }
}

/** Splits `--flag` options from positional arguments, refusing any option not in `known`. */
export function parseArguments(argv: string[], known: readonly string[]): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, value] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!known.includes(name)) throw new OpsError(`Unknown option --${name}. Options: ${known.map((k) => `--${k}`).join(", ")}.`, EXIT.USAGE);
    flags.set(name, value ?? true);
  }
  return { positional, flags };
}

export const timestamp = (now: Date) =>
  now
    .toISOString()
    .replaceAll(":", "-")
    .replace(/\.\d+Z$/, "Z");

export function readInput(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new OpsError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, EXIT.USAGE);
  }
}

/** Writes `bytes` under a temporary name first, so a file under the final name is always whole; never overwrites. */
export function writeOutput(file: string, bytes: Uint8Array | string): string {
  const full = path.resolve(file);
  if (fs.existsSync(full)) throw new OpsError(`${full} already exists: name another file.`, EXIT.USAGE);
  const temp = `${full}.part`;
  try {
    fs.writeFileSync(temp, bytes, { mode: 0o600 });
    fs.renameSync(temp, full);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw new OpsError(`Cannot write ${full}: ${(error as Error).message}`, EXIT.USAGE);
  }
  return full;
}

export const sizeOf = (bytes: Uint8Array | string) => `${(Buffer.byteLength(bytes) / 1024 / 1024).toFixed(1)} MB`;

export const filesReminder = () =>
  `Uploaded files are not in the database: copy the folder ${storageDir()} (STORAGE_DIR) along with it (docs/deployment.md).`;
