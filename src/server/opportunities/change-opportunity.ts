// The one way a deal changes. Every write on a deal (fields, criteria, contacts, close plan, files,
// moves, disqualification) goes through changeOpportunity, which in ONE transaction (the caller's, or
// a new one) loads the visible deal once, authorizes, checks the version, asks the use case what the
// change is (a decision the use case takes with the domain's rules), then writes the versioned update,
// the deal's own rows, its history and its outgoing messages. docs/write-path.md explains it.
import type { Actor } from "../../auth/actor";
import { assertCanChangeOpportunity } from "../../auth/authorize";
import type { ProcessVersion } from "../../domain/process/process-version";
import type { DealDeskRule } from "../../domain/deal-desk/rules";
import type { OpportunityResponse } from "../../schemas/opportunities";
import { inTransaction, type Tx } from "../db";
import { recordHistory, type HistoryInput } from "../history/record-history";
import { enqueueMessage, type NewOutboxMessage } from "../outbox/enqueue-message";
import { getProcessVersion } from "../process/get-process-version";
import { invalidateStaleApproval } from "../deal-desk/stale-on-change";
import { dealChangeEvents, messagesTo } from "../webhooks/events";
import { AppError } from "../../errors";
import { sql } from "kysely";
import { assertOpen } from "./assert-open";
import { getVisibleOpportunity, reloadOpportunity } from "./get-opportunity";
import { loadOpportunity, type OpportunityRow, type WebhookTarget } from "./load-opportunity";
import { assertVersion, updateVersioned, type OpportunityChanges } from "./write-versioned";

/** What the use case decided, read in the transaction from the deal as it is now. */
export type DealContext = {
  tx: Tx;
  actor: Actor;
  row: OpportunityRow;
  rules: readonly DealDeskRule[];
  process: ProcessVersion;
  now: Date;
  /** The active webhook endpoints, read with the deal: a change's events go to those subscribed (docs/webhooks.md). */
  webhooks: readonly WebhookTarget[];
};

/** A history entry of this change: the pipeline adds the deal, the actor and the time. */
export type ChangeEntry = Omit<HistoryInput, "opportunityId" | "actorId" | "at">;

export type DealChange = {
  /** The deal's own columns that change (may be none: a new contact still makes a new version). */
  columns?: OpportunityChanges;
  /** Writes to the deal's other rows (contacts, attestations, plan, files), after the versioned update has locked the deal. */
  write?: (tx: Tx) => Promise<void>;
  /** At least one: a change nobody can see in the history is not made. */
  history: [ChangeEntry, ...ChangeEntry[]];
  /** What this change sends out (Slack, e-mail, webhooks): queued in the same transaction, sent after it commits, tied to this deal. */
  messages?: NewOutboxMessage[];
};

type Options<R> = {
  /** The caller's transaction, to compose several changes into one. */
  tx?: Tx;
  now?: Date;
  /** Re-opening changes a closed deal; every other change needs an open one. */
  allowClosed?: boolean;
  /**
   * For a change that is not an edit of the deal (an approver's decision on its approval request):
   * who may make it, checked instead of opportunity.update. The deal is then loaded whatever the
   * actor's visibility, so the caller must already have answered NOT_FOUND for what the actor may not see.
   */
  authorize?: (row: OpportunityRow) => void;
  /** Added to the details of this change's history entries (a sync names its CRM there). */
  note?: HistoryInput["details"];
  /**
   * Queue no outgoing message at all: neither the use case's, nor the change's webhook events, nor
   * the notice of an approval it makes stale. An import records another system's data; it must not
   * flood receivers or echo a CRM's own data back to it (docs/rules/import.md#placed-in-the-stage-as-data).
   */
  silent?: boolean;
  /** The answer, built in the transaction; by default the deal as it now is. `changed` is false when nothing was written. */
  respond?: (ctx: DealContext, changed: boolean, columns: OpportunityChanges) => Promise<R>;
};

/**
 * Changes a deal at the version the caller read. `decide` answers null when the request changes
 * nothing (the same value again): then nothing is written and the version stays.
 */
export async function changeOpportunity<R = OpportunityResponse>(
  actor: Actor,
  target: { id: string; version: number },
  decide: (ctx: DealContext) => DealChange | null | Promise<DealChange | null>,
  options: Options<R> = {},
): Promise<R> {
  const now = options.now ?? new Date();
  return inTransaction(options.tx, async (tx) => {
    const { row, rules, webhooks } = options.authorize ? await loadAny(tx, target.id) : await getVisibleOpportunity(tx, actor, target.id);
    if (options.authorize) options.authorize(row);
    else assertCanChangeOpportunity(actor, { ownerId: row.ownerId, ownerTeamId: row.owner.teamId });
    // Rules are evaluated on what was read: a stale read must not decide anything.
    assertVersion(row, target.version);
    if (!options.allowClosed) assertOpen(row);
    const ctx: DealContext = { tx, actor, row, rules, process: await getProcessVersion(tx, row.processVersionId), now, webhooks };

    const change = await decide(ctx);
    const columns = change?.columns ?? {};
    if (change) {
      // The versioned UPDATE first: it locks the deal, so a concurrent writer gets VERSION_CONFLICT
      // rather than tripping over the rows this one is about to write.
      await updateVersioned(tx, target.id, target.version, columns, now);
      await change.write?.(tx);
      // A change to a term an approval covers makes that approval stale, in this same transaction.
      const invalidation = await invalidateStaleApproval(tx, row, rules, columns, now);
      const base = { opportunityId: target.id, actorId: actor.id, at: now };
      await recordHistory(
        tx,
        [
          ...change.history.map((entry) => (options.note ? { ...entry, details: { ...entry.details, ...options.note } } : entry)),
          ...(invalidation?.history ?? []),
        ].map((entry) => ({ ...base, ...entry })),
      );
      if (!options.silent) {
        // Webhooks of the change (a move, a close, an approval gone stale), to every subscribed endpoint (docs/webhooks.md).
        const events = [...dealChangeEvents(row, columns, actor.id, now), ...(invalidation?.events ?? [])];
        const hooks = messagesTo(webhooks, events);
        for (const message of [...(change.messages ?? []), ...(invalidation?.messages ?? []), ...hooks])
          await enqueueMessage(tx, { ...message, opportunityId: target.id }, now);
      }
    }
    if (options.respond) return options.respond(ctx, change !== null, columns);
    return reloadOpportunity(tx, target.id, now) as Promise<R>;
  });
}

async function loadAny(tx: Tx, id: string) {
  const loaded = await loadOpportunity(tx, sql<boolean>`o."id" = ${id}`);
  if (!loaded) throw new AppError("NOT_FOUND", "Opportunity not found.");
  return loaded;
}
