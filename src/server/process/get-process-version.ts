import { ExitCriterion } from "../../domain/process/types";
import type { ProcessVersion } from "../../domain/process/process-version";
import { AppError } from "../../errors";
import type { Tx } from "../db";

const include = {
  process: true,
  stages: { orderBy: { order: "asc" }, include: { exitCriteria: { orderBy: { order: "asc" } } } },
} as const;

type Row = NonNullable<Awaited<ReturnType<typeof loadRow>>>;
const loadRow = (tx: Tx, id: string) => tx.processVersion.findUnique({ where: { id }, include });

function toProcessVersion(row: Row): ProcessVersion {
  return {
    id: row.id,
    processId: row.processId,
    processKey: row.process.key,
    name: row.process.name,
    version: row.version,
    stages: row.stages.map((s) => ({
      key: s.key,
      name: s.name,
      order: s.order,
      kind: s.kind,
      probability: s.probability,
      forecastCategory: s.forecastCategory,
      definition: s.definition,
      goals: s.goals,
      buyerDoing: s.buyerDoing,
      sellerActivities: s.sellerActivities,
      doneCorrectly: s.doneCorrectly,
      doneIncorrectly: s.doneIncorrectly,
      stallDays: s.stallDays,
      exitCriteria: s.exitCriteria.map((c) =>
        ExitCriterion.parse({ ...(c.config as object), key: c.key, label: c.label, type: c.type }),
      ),
    })),
  };
}

// Published versions never change, so each is read from the database once per process.
const cache = new Map<string, ProcessVersion>();

/** A version already read in this process, or undefined: for code that cannot query through Prisma. */
export const cachedProcessVersion = (id: string): ProcessVersion | undefined => cache.get(id);

export async function getProcessVersion(tx: Tx, id: string): Promise<ProcessVersion> {
  const cached = cache.get(id);
  if (cached) return cached;
  const row = await loadRow(tx, id);
  if (!row) throw new AppError("NOT_FOUND", "Process version not found.");
  const version = toProcessVersion(row);
  cache.set(id, version);
  return version;
}

/** The latest version of the default process: the one new opportunities follow. */
export async function getActiveProcessVersion(tx: Tx): Promise<ProcessVersion> {
  const latest = await tx.processVersion.findFirst({
    where: { process: { isDefault: true } },
    orderBy: { version: "desc" },
    select: { id: true },
  });
  if (!latest) throw new AppError("NOT_FOUND", "No sales process has been published yet.");
  return getProcessVersion(tx, latest.id);
}

/** The latest version of the process with this key; the default process when there is none such. */
export async function getLatestProcessVersion(tx: Tx, processKey: string | undefined): Promise<ProcessVersion> {
  if (!processKey) return getActiveProcessVersion(tx);
  const latest = await tx.processVersion.findFirst({ where: { process: { key: processKey } }, orderBy: { version: "desc" }, select: { id: true } });
  return latest ? getProcessVersion(tx, latest.id) : getActiveProcessVersion(tx);
}
