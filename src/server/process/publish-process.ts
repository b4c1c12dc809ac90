// Publishing a process creates a new immutable version: opportunities keep the version they follow.
import { ProcessDefinition, type ExitCriterion } from "../../domain/process/types";
import type { Tx } from "../db";
import { newId } from "../ids";

/** The type-specific settings of a criterion, kept in its JSON `config` column. */
function criterionConfig(c: ExitCriterion): Record<string, unknown> {
  switch (c.type) {
    case "check":
    case "approval":
      return {};
    case "field":
      return { field: c.field, condition: c.condition };
    case "document":
      return { documentKind: c.documentKind };
    case "plan":
      return { minSteps: c.minSteps };
    default: {
      const never: never = c;
      throw new Error(`Unknown criterion ${JSON.stringify(never)}`);
    }
  }
}

export async function publishProcessVersion(
  tx: Tx,
  input: ProcessDefinition,
  options: { publishedById?: string; note?: string; makeDefault?: boolean } = {},
): Promise<{ processId: string; processVersionId: string; version: number }> {
  const definition = ProcessDefinition.parse(input);
  const now = new Date();
  // The upsert locks the process row until commit, so concurrent publishes of one process take
  // turns and each reads the latest version after the one before it has committed.
  const { id: processId } = await tx
    .insertInto("Process")
    .values({ id: newId(), key: definition.key, name: definition.name, createdAt: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ name: definition.name }))
    .returning("id")
    .executeTakeFirstOrThrow();
  if (options.makeDefault)
    await tx
      .updateTable("Process")
      .set((eb) => ({ isDefault: eb("id", "=", processId).$castTo<boolean>() }))
      .where((eb) => eb.or([eb("isDefault", "=", true), eb("id", "=", processId)]))
      .execute();
  const latest = await tx
    .selectFrom("ProcessVersion")
    .select((eb) => eb.fn.max("version").as("version"))
    .where("processId", "=", processId)
    .executeTakeFirst();
  const version = (latest?.version ?? 0) + 1;
  const processVersionId = newId();
  await tx
    .insertInto("ProcessVersion")
    .values({ id: processVersionId, processId, version, publishedAt: now, publishedById: options.publishedById ?? null, note: options.note ?? "" })
    .execute();
  const stages = definition.stages.map((s, order) => ({ id: newId(), order, stage: s }));
  await tx
    .insertInto("Stage")
    .values(
      stages.map(({ id, order, stage: s }) => ({
        id,
        processVersionId,
        key: s.key,
        name: s.name,
        order,
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
        questions: JSON.stringify(s.questions ?? []),
      })),
    )
    .execute();
  const criteria = stages.flatMap(({ id: stageId, stage }) =>
    stage.exitCriteria.map((c, order) => ({
      id: newId(),
      stageId,
      key: c.key,
      label: c.label,
      type: c.type,
      order,
      config: JSON.stringify(criterionConfig(c)),
    })),
  );
  if (criteria.length) await tx.insertInto("ExitCriterion").values(criteria).execute();
  return { processId, processVersionId, version };
}
