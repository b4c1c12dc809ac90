// The benchmark's data: one rep per client, each owning deals whose exit criteria all hold, so that
// every move of the cycle identify → qualify → propose → negotiate → finalize → (back) identify is
// accepted. Deals are created through the API and satisfied the way the API tests do it.
import { db } from "@/src/server/db";
import { createDeal, ensureDefaults, satisfyStages } from "@/tests/support/deals";
import { createUser } from "@/tests/support/fixtures";

export const STAGES = ["identify", "qualify", "propose", "negotiate", "finalize"] as const;

/** What a client knows of a deal: the stage and version its last move returned. */
export type DealState = { id: string; stage: string; version: number };

export type Client = { actorId: string; token: string; deals: DealState[]; next: number };

/** The move after `stage`: one stage forward, or from the last open stage back to the first. */
export function nextMove(stage: string): { toStage: string; reason?: string } {
  const i = STAGES.indexOf(stage as (typeof STAGES)[number]);
  if (i < 0) throw new Error(`Deal in unexpected stage ${stage}`);
  if (i === STAGES.length - 1) return { toStage: STAGES[0], reason: "Benchmark cycle: start over" };
  return { toStage: STAGES[i + 1]! };
}

/** Round-robin over a client's deals, so consecutive moves touch different rows. */
export function takeDeal(client: Client): DealState {
  const deal = client.deals[client.next % client.deals.length]!;
  client.next++;
  return deal;
}

export async function prepareClients(count: number, dealsPerClient: number): Promise<Client[]> {
  await ensureDefaults();
  const clients: Client[] = [];
  for (let c = 0; c < count; c++) {
    const rep = await createUser({ role: "rep" });
    const deals: DealState[] = [];
    for (let d = 0; d < dealsPerClient; d++) {
      const deal = await createDeal(rep.token, { name: `Bench deal ${c}-${d}` });
      await satisfyStages(deal.id, [...STAGES], rep.id);
      deals.push({ id: deal.id, stage: deal.stage, version: deal.version });
    }
    clients.push({ actorId: rep.id, token: rep.token, deals, next: 0 });
  }
  return clients;
}

/** Re-reads every deal's stage and version (satisfying criteria bumps versions; runs move deals). */
export async function refreshClients(clients: Client[]): Promise<void> {
  const rows = await db().opportunity.findMany({
    where: { id: { in: clients.flatMap((c) => c.deals.map((d) => d.id)) } },
    select: { id: true, stageKey: true, version: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const deal of clients.flatMap((c) => c.deals)) {
    const row = byId.get(deal.id)!;
    deal.stage = row.stageKey;
    deal.version = row.version;
  }
}
