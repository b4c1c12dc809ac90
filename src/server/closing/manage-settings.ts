// The closing's settings as the API and the admin page read and change them: anyone signed in reads
// them (a loss names a category, a play follows the cadence); only admins change them, each part
// checked against its rules before anything is written (docs/rules/closing.md).
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { editCategories } from "../../domain/closing/loss-categories";
import { cadenceProblems } from "../../domain/closing/plays";
import { PLACEHOLDERS, type TemplateKind, templateProblems } from "../../domain/closing/templates";
import { AppError } from "../../errors";
import type { ClosingSettingsRequest, ClosingSettingsResponse } from "../../schemas/closing";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database, type Sql } from "../db";
import { type ClosingSettings, getClosingSettings, saveClosingSettings } from "./closing-settings";

type FieldProblem = { field: string; message: string };

const withPlaceholders = (settings: ClosingSettings): ClosingSettingsResponse => ({ ...settings, placeholders: PLACEHOLDERS });

export async function readClosingSettings(_actor: Actor, q: Sql = database().sql): Promise<ClosingSettingsResponse> {
  return withPlaceholders(await getClosingSettings(q));
}

function templateFieldProblems(kind: TemplateKind, parts: Record<string, string>, field: string): FieldProblem[] {
  return Object.entries(parts).flatMap(([part, text]) =>
    text.trim() === ""
      ? [{ field: `${field}.${part}`, message: "required" }]
      : templateProblems(kind, text).map((message) => ({ field: `${field}.${part}`, message })),
  );
}

export async function changeClosingSettings(actor: Actor, input: ClosingSettingsRequest, now = new Date()): Promise<ClosingSettingsResponse> {
  assertCan(actor, "closing.manage");
  return database().transaction(async (tx) => {
    const current = await getClosingSettings(tx);
    const problems: FieldProblem[] = [];
    const next: Partial<ClosingSettings> = {};
    if (input.slackTemplate) {
      problems.push(...templateFieldProblems("slack", input.slackTemplate, "slackTemplate"));
      next.slackTemplate = { text: input.slackTemplate.text.trim() };
    }
    if (input.welcomeTemplate) {
      problems.push(...templateFieldProblems("welcome", input.welcomeTemplate, "welcomeTemplate"));
      const { subject, text, html } = input.welcomeTemplate;
      next.welcomeTemplate = { subject: subject.trim(), text: text.trim(), html: html.trim() };
    }
    if (input.lossCategories) {
      const edited = editCategories(
        current.lossCategories,
        input.lossCategories.map((c) => ({ key: c.key, label: c.label, retired: c.retired ?? false })),
      );
      if (edited.ok) next.lossCategories = edited.categories;
      else problems.push(...edited.problems.map((message) => ({ field: "lossCategories", message })));
    }
    if (input.missedConnectionsCadence) {
      problems.push(...cadenceProblems(input.missedConnectionsCadence).map((message) => ({ field: "missedConnectionsCadence", message })));
      next.missedConnectionsCadence = input.missedConnectionsCadence;
    }
    if (problems.length) throw new AppError("VALIDATION_FAILED", "The closing settings have problems.", { fields: problems });
    await saveClosingSettings(tx, next, now);
    const after = await getClosingSettings(tx);
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "closing_settings.changed",
      object: { type: "setting", id: "closing" },
      before: current,
      after,
      at: now,
    });
    return withPlaceholders(after);
  });
}
