import { jsonArrayFrom } from "kysely/helpers/postgres";
import { ExitCriterion, QualificationQuestion } from "../../domain/process/types";
import type { ProcessVersion } from "../../domain/process/process-version";
import { AppError } from "../../errors";
import type { OpportunityType } from "../../generated/kysely/types";
import type { Sql } from "../db";

const versionQuery = (q: Sql, id: string) =>
  q
    .selectFrom("ProcessVersion as v")
    .innerJoin("Process as p", "p.id", "v.processId")
    .select(["v.id", "v.processId", "v.version", "p.key as processKey", "p.name"])
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom("Stage as s")
          .selectAll("s")
          .select((se) =>
            jsonArrayFrom(
              se
                .selectFrom("ExitCriterion as c")
                .select(["c.key", "c.label", "c.type", "c.config"])
                .whereRef("c.stageId", "=", "s.id")
                .orderBy("c.order"),
            ).as("exitCriteria"),
          )
          .whereRef("s.processVersionId", "=", "v.id")
          .orderBy("s.order"),
      ).as("stages"),
    )
    .where("v.id", "=", id);

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof versionQuery>["executeTakeFirst"]>>>;

function toProcessVersion(row: Row): ProcessVersion {
  return {
    id: row.id,
    processId: row.processId,
    processKey: row.processKey,
    name: row.name,
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
      questions: QualificationQuestion.array().parse(s.questions),
      exitCriteria: s.exitCriteria.map((c) => ExitCriterion.parse({ ...(c.config as object), key: c.key, label: c.label, type: c.type })),
    })),
  };
}

// Published versions never change, so each is read from the database once per process.
const cache = new Map<string, ProcessVersion>();

/** A process version, read on `q` (a transaction, or the database) the first time it is asked for. */
export async function getProcessVersion(q: Sql, id: string): Promise<ProcessVersion> {
  const cached = cache.get(id);
  if (cached) return cached;
  const row = await versionQuery(q, id).executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "Process version not found.");
  const version = toProcessVersion(row);
  cache.set(id, version);
  return version;
}

const latestOf = (q: Sql, processKey?: string) =>
  q
    .selectFrom("ProcessVersion as v")
    .innerJoin("Process as p", "p.id", "v.processId")
    .select("v.id")
    .$if(processKey === undefined, (b) => b.where("p.isDefault", "=", true))
    .$if(processKey !== undefined, (b) => b.where("p.key", "=", processKey!))
    .orderBy("v.version", "desc")
    .limit(1)
    .executeTakeFirst();

const latestTiedTo = (q: Sql, type: OpportunityType) =>
  q
    .selectFrom("ProcessVersion as v")
    .innerJoin("Process as p", "p.id", "v.processId")
    .select("v.id")
    .where("p.opportunityType", "=", type)
    .orderBy("v.version", "desc")
    .limit(1)
    .executeTakeFirst();

/** The latest version of the default process: the one new opportunities follow. */
export async function getActiveProcessVersion(q: Sql): Promise<ProcessVersion> {
  const latest = await latestOf(q);
  if (!latest) throw new AppError("NOT_FOUND", "No sales process has been published yet.");
  return getProcessVersion(q, latest.id);
}

/**
 * The version a new deal of this type starts on: the latest version of the process tied to the type
 * when there is one, else of the default process (docs/rules/sales-process.md#versions).
 */
export async function getProcessVersionForType(q: Sql, type: OpportunityType): Promise<ProcessVersion> {
  const tied = await latestTiedTo(q, type);
  return tied ? getProcessVersion(q, tied.id) : getActiveProcessVersion(q);
}

/** The latest version of the process with this key; the default process when there is none such. */
export async function getLatestProcessVersion(q: Sql, processKey: string | undefined): Promise<ProcessVersion> {
  const latest = processKey ? await latestOf(q, processKey) : undefined;
  return latest ? getProcessVersion(q, latest.id) : getActiveProcessVersion(q);
}
