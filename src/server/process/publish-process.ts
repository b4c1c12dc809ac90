// Publishing a process creates a new immutable version: opportunities keep the version they follow.
import type { Prisma } from "../../generated/prisma/client";
import { ProcessDefinition, type ExitCriterion } from "../../domain/process/types";
import type { Reader } from "../db";

/** The type-specific settings of a criterion, kept in its JSON `config` column. */
function criterionConfig(c: ExitCriterion): Prisma.InputJsonObject {
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
  tx: Reader,
  input: ProcessDefinition,
  options: { publishedById?: string; note?: string; makeDefault?: boolean } = {},
): Promise<{ processId: string; processVersionId: string; version: number }> {
  const definition = ProcessDefinition.parse(input);
  const process = await tx.process.upsert({
    where: { key: definition.key },
    create: { key: definition.key, name: definition.name },
    update: { name: definition.name },
  });
  if (options.makeDefault) {
    await tx.process.updateMany({ where: { isDefault: true, NOT: { id: process.id } }, data: { isDefault: false } });
    await tx.process.update({ where: { id: process.id }, data: { isDefault: true } });
  }
  const latest = await tx.processVersion.findFirst({
    where: { processId: process.id },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  const version = (latest?.version ?? 0) + 1;
  const created = await tx.processVersion.create({
    data: {
      processId: process.id,
      version,
      publishedById: options.publishedById ?? null,
      note: options.note ?? "",
      stages: {
        create: definition.stages.map((s, order) => ({
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
          exitCriteria: {
            create: s.exitCriteria.map((c, i) => ({
              key: c.key,
              label: c.label,
              type: c.type,
              order: i,
              config: criterionConfig(c),
            })),
          },
        })),
      },
    },
  });
  return { processId: process.id, processVersionId: created.id, version };
}
