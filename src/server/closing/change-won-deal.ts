// What every change from a won deal's checklist shares (docs/rules/closing.md): it is taken under the
// deal's lock and made at the version the lock holds, so it is never refused for a version the user
// never saw, and two clicks on "Send" queue one message (the second is told it is on its way); it is
// made on a won deal only; and it answers with the checklist as it stands after the change.
import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors";
import type { ChecklistResponse } from "../../schemas/closing";
import { database } from "../db";
import { changeOpportunity, type DealChange, type DealContext } from "../opportunities/change-opportunity";
import { lockDeal } from "../opportunities/lock-deal";
import { readChecklist } from "./checklist";

type Options = {
  now: Date;
  env: Record<string, string | undefined>;
  /** The refusal for a deal that is not won (its status given). */
  notWon: (status: string) => AppError;
};

export async function changeWonDeal(
  actor: Actor,
  opportunityId: string,
  decide: (ctx: DealContext) => DealChange | null | Promise<DealChange | null>,
  { now, env, notWon }: Options,
): Promise<ChecklistResponse> {
  return database().transaction(async (tx) => {
    const version = await lockDeal(tx, opportunityId);
    if (version === null) throw new AppError("NOT_FOUND", "Opportunity not found.");
    return changeOpportunity(
      actor,
      { id: opportunityId, version },
      (ctx) => {
        if (ctx.row.status !== "won") throw notWon(ctx.row.status);
        return decide(ctx);
      },
      { tx, now, allowClosed: true, respond: () => readChecklist(tx, opportunityId, env) },
    );
  });
}
