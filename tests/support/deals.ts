// Deals for API tests: created through the API, brought to a stage's criteria through the database.
import * as opportunities from "@/app/api/v1/opportunities/route";
import { contractBaseName } from "@/src/domain/files/contract-name";
import { fromCalendarDate } from "@/src/domain/dates";
import { database, db } from "@/src/server/db";
import { ensureDefaultRules } from "@/src/server/deal-desk/load-rules";
import { ensureDefaultProcess } from "@/src/server/process/ensure-default-process";
import { getActiveProcessVersion } from "@/src/server/process/get-process-version";
import { call } from "./http";

export async function ensureDefaults() {
  await database().transaction(async (tx) => {
    await ensureDefaultProcess(tx);
    await ensureDefaultRules(tx);
  });
}

export const dealBody = (extra: Record<string, unknown> = {}) => ({
  name: "Platform rollout",
  accountName: "Northwind Traders",
  amount: 48000,
  closeDate: "2027-03-31",
  nextStep: "Discovery call with IT",
  nextStepDue: "2027-01-15",
  ...extra,
});

export async function createDeal(token: string, extra: Record<string, unknown> = {}) {
  const res = await call(opportunities.POST, { token, body: dealBody(extra) });
  if (res.status !== 201) throw new Error(`createDeal: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; stage: string; [k: string]: any };
}

/** Makes every exit criterion of the given stages hold, the way a rep would over weeks. */
export async function satisfyStages(dealId: string, stageKeys: string[], attestedById: string) {
  const process = await getActiveProcessVersion(database().sql);
  const deal = await db().opportunity.findUniqueOrThrow({ where: { id: dealId } });
  for (const stage of process.stages.filter((s) => stageKeys.includes(s.key))) {
    for (const c of stage.exitCriteria) {
      if (c.type === "check")
        await db().criterionAttestation.create({ data: { opportunityId: dealId, stageKey: stage.key, criterionKey: c.key, attestedById } });
      if (c.type === "field" && c.condition.op === "has_contact_role")
        await db().opportunityContact.create({ data: { opportunityId: dealId, name: `Contact ${c.condition.role}`, role: c.condition.role } });
      if (c.type === "field" && c.condition.op === "is_set" && (c.field === "buyingProcess" || c.field === "decisionCriteria"))
        await db().opportunity.update({ where: { id: dealId }, data: { [c.field]: "Recorded in discovery" } });
      if (c.type === "document") {
        const storedName =
          c.documentKind === "signed_contract"
            ? `${contractBaseName({ closeDate: deal.closeDate.toISOString().slice(0, 10), accountName: deal.accountName, type: deal.type, years: deal.years, users: deal.users, termMonths: deal.termMonths })}.pdf`
            : `${c.documentKind}.pdf`;
        await db().file.create({
          data: {
            opportunityId: dealId,
            kind: c.documentKind,
            originalName: storedName,
            storedName,
            storageKey: `${dealId}/${c.documentKind}-${Math.random()}`,
            contentType: "application/pdf",
            sizeBytes: 10,
            sha256: "0",
          },
        });
      }
      if (c.type === "plan")
        for (let i = 0; i < c.minSteps; i++)
          await db().closePlanStep.create({
            data: { opportunityId: dealId, title: `Step ${i + 1}`, ownerName: "Buyer", dueDate: fromCalendarDate("2027-03-01"), position: i },
          });
    }
  }
}

export const currentVersion = async (id: string) => (await db().opportunity.findUniqueOrThrow({ where: { id } })).version;
