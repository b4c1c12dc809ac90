// The dashboard benchmark's data: an organisation of 20 teams and 200 reps with three years of deals
// (100,000 by default) and about ten history entries each (1,000,000), generated inside the database
// with INSERT … SELECT, so that loading it takes seconds on PGlite as on a server. Deterministic: every
// "random" choice is a hash of the deal's number, so two runs (and both databases) hold the same data.
//
// The mix, per deal: created uniformly over the three years before `now`; a sales cycle of 15 to 180
// days. A deal whose cycle has run out is won (30 %), lost (50 %), disqualified (10 %) or still open
// with a past close date (10 %); the others are open. Won deals passed every open stage; lost,
// disqualified and open ones stopped at a random stage. A fifth of the deals had their amount changed
// once and 30 % had their close date pushed once; the rest of each deal's
// ten entries are the everyday ones (criteria ticked, next steps, plans). Amounts from 5,000 to
// 205,000, skewed small; 5 % in EUR.
import type { Database } from "@/src/server/db";
import { rebuildDealSummaries } from "@/src/server/metrics/deal-summaries";
import { rebuildReachedStages } from "@/src/server/metrics/reached-stages";
import { vacuumAppTables } from "@/src/server/ops/embedded-upkeep";

export type SeedSize = { deals: number; historyPerDeal: number; teams: number; repsPerTeam: number };

export const DEFAULT_SIZE: SeedSize = { deals: 100_000, historyPerDeal: 10, teams: 20, repsPerTeam: 10 };

const OPEN_STAGES = ["identify", "qualify", "propose", "negotiate", "finalize"];
const LOSS_CATEGORIES = ["price", "competitor", "missing_functionality", "no_decision", "no_budget", "timing", "other"];
const COMPETITORS = ["Acme Cloud", "Globex", "Initech", "none"];
const MISSING = ["SSO", "Offline mode", "Audit trail", "none"];

const literalArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(", ")}]`;

/** What the generated organisation is: its admin, its teams with their manager, and counts. */
export type SeededOrg = { adminId: string; teams: { id: string; managerId: string }[]; deals: number; historyEntries: number; upkeepMs: number };

export async function seedHistory(database: Database, processVersionId: string, now: Date, size: SeedSize = DEFAULT_SIZE): Promise<SeededOrg> {
  const raw = database.raw;
  const reps = size.teams * size.repsPerTeam;
  const at = now.toISOString();
  await raw.exec(`
    CREATE OR REPLACE FUNCTION bench_rand(i integer, salt integer) RETURNS double precision
      LANGUAGE sql IMMUTABLE AS $$ SELECT ('x' || substr(md5(i::text || ':' || salt::text), 1, 8))::bit(32)::bigint / 4294967296.0 $$;

    INSERT INTO "User" ("id", "email", "name", "role", "teamId", "groups", "active", "createdAt", "updatedAt")
      VALUES ('bench-admin', 'bench-admin@example.test', 'Bench Admin', 'admin', NULL, '{}', true, now(), now());
    INSERT INTO "User" ("id", "email", "name", "role", "teamId", "groups", "active", "createdAt", "updatedAt")
      SELECT 'bench-manager-' || t, 'bench-manager-' || t || '@example.test', 'Manager ' || t, 'manager', NULL, '{}', true, now(), now()
      FROM generate_series(0, ${size.teams - 1}) t;
    INSERT INTO "Team" ("id", "name", "managerId", "createdAt", "updatedAt")
      SELECT 'bench-team-' || t, 'Team ' || lpad(t::text, 2, '0'), 'bench-manager-' || t, now(), now()
      FROM generate_series(0, ${size.teams - 1}) t;
    UPDATE "User" SET "teamId" = 'bench-team-' || substr("id", 15) WHERE "id" LIKE 'bench-manager-%';
    INSERT INTO "User" ("id", "email", "name", "role", "teamId", "groups", "active", "createdAt", "updatedAt")
      SELECT 'bench-rep-' || r, 'bench-rep-' || r || '@example.test', 'Rep ' || r, 'rep', 'bench-team-' || (r / ${size.repsPerTeam}), '{}', true, now(), now()
      FROM generate_series(0, ${reps - 1}) r;

    -- Each deal's shape, decided once from hashes of its number.
    CREATE TEMPORARY TABLE bench_deal AS
    WITH base AS (
      SELECT i,
        TIMESTAMP '${at}' - (bench_rand(i, 1) * 1095 * interval '1 day') AS created,
        15 + floor(bench_rand(i, 2) * 166)::int AS cycle,
        bench_rand(i, 3) AS fate,
        floor(bench_rand(i, 4) * 5)::int AS stop_at,
        (5000 + floor(power(bench_rand(i, 5), 2) * 200000))::bigint * 100 AS cents,
        CASE WHEN bench_rand(i, 6) < 0.05 THEN 'EUR' ELSE 'USD' END AS currency,
        bench_rand(i, 7) AS extra
      FROM generate_series(1, ${size.deals}) i
    ), closed AS (
      SELECT base.*, created + cycle * interval '1 day' AS ends,
        (created + cycle * interval '1 day' < TIMESTAMP '${at}') AS due
      FROM base
    )
    SELECT i, created, cycle, cents, currency, extra,
      CASE WHEN NOT due THEN 'open' WHEN fate < 0.3 THEN 'won' WHEN fate < 0.8 THEN 'lost' WHEN fate < 0.9 THEN 'disqualified' ELSE 'open' END AS status,
      CASE WHEN due AND fate < 0.3 THEN 4 WHEN due AND fate >= 0.8 AND fate < 0.9 THEN least(stop_at, 1) ELSE stop_at END AS reached,
      ends,
      'bench-rep-' || (i % ${reps}) AS owner
    FROM closed;

    -- The dashboard's summaries of the deals are rebuilt once at the end (deal-summaries.ts) rather than
    -- kept deal by deal while the reached stages are filled in.
    ALTER TABLE "Opportunity" DISABLE TRIGGER "Opportunity_count_inserted";
    ALTER TABLE "Opportunity" DISABLE TRIGGER "Opportunity_count_changed";

    INSERT INTO "Opportunity" ("id", "name", "accountName", "amountCents", "currency", "closeDate", "originalCloseDate",
        "closeDatePushes", "closeDateSlipDays", "ownerId", "processVersionId", "stageKey", "stageEnteredAt", "status", "version",
        "nextStep", "nextStepDue", "lostReasonCategory", "lostCompetitor", "lostMissingFunctionality", "disqualifiedReason",
        "closedAt", "overriddenAt", "createdAt", "updatedAt")
    SELECT 'bench-deal-' || d.i, 'Deal ' || d.i, 'Account ' || (d.i % 9973), d.cents, d.currency,
      CAST(d.ends AS date), CAST(d.ends AS date) - CASE WHEN d.extra < 0.3 THEN 14 + (d.i % 47) ELSE 0 END,
      CASE WHEN d.extra < 0.3 THEN 1 ELSE 0 END, CASE WHEN d.extra < 0.3 THEN 14 + (d.i % 47) ELSE 0 END,
      d.owner, '${processVersionId}',
      CASE d.status WHEN 'won' THEN 'closed_won' WHEN 'lost' THEN 'closed_lost' ELSE (${literalArray(OPEN_STAGES)})[d.reached + 1] END,
      -- When it entered its stage: its latest move (the close for won and lost deals; a disqualified deal
      -- stays in the stage it was in), as the write path keeps it.
      CASE WHEN d.status IN ('won', 'lost') THEN d.ends ELSE d.created + d.cycle * d.reached / 6.0 * interval '1 day' END,
      CAST(d.status AS "OpportunityStatus"), 10,
      CASE WHEN d.status = 'open' AND d.extra > 0.9 THEN '' ELSE 'Call the buyer' END,
      CAST(d.ends AS date) - 7,
      CASE WHEN d.status = 'lost' THEN (${literalArray(LOSS_CATEGORIES)})[1 + d.i % ${LOSS_CATEGORIES.length}] END,
      CASE WHEN d.status = 'lost' THEN (${literalArray(COMPETITORS)})[1 + d.i % ${COMPETITORS.length}] END,
      CASE WHEN d.status = 'lost' THEN (${literalArray(MISSING)})[1 + d.i % ${MISSING.length}] END,
      CASE WHEN d.status = 'disqualified' THEN 'Not a fit' END,
      CASE WHEN d.status = 'open' THEN NULL ELSE d.ends END,
      CASE WHEN d.status = 'open' AND d.extra < 0.03 THEN d.created + interval '1 day' END,
      d.created, d.ends
    FROM bench_deal d;

    -- Loaded in bulk with the reached-stages trigger off; the summary is rebuilt from it below, as the
    -- migration that introduced it did.
    ALTER TABLE "HistoryEntry" DISABLE TRIGGER "HistoryEntry_stage_reached";

    -- Creation, one move per open stage reached, the close; an amount change for some.
    INSERT INTO "HistoryEntry" ("opportunityId", "type", "at", "actorId", "fromStage", "toStage", "secondsInStage", "details")
    SELECT 'bench-deal-' || d.i, 'created', d.created, d.owner, NULL, 'identify', NULL, '{}'
    FROM bench_deal d;
    INSERT INTO "HistoryEntry" ("opportunityId", "type", "at", "actorId", "fromStage", "toStage", "secondsInStage", "details")
    SELECT 'bench-deal-' || d.i, 'stage_changed', d.created + d.cycle * k / 6.0 * interval '1 day', d.owner,
      (${literalArray(OPEN_STAGES)})[k], (${literalArray(OPEN_STAGES)})[k + 1], (d.cycle * 86400 / 6)::int, '{"kind":"forward"}'
    FROM bench_deal d CROSS JOIN LATERAL generate_series(1, d.reached) k;
    INSERT INTO "HistoryEntry" ("opportunityId", "type", "at", "actorId", "fromStage", "toStage", "secondsInStage", "details")
    SELECT 'bench-deal-' || d.i, CAST(CASE WHEN d.status = 'disqualified' THEN 'disqualified' ELSE 'stage_changed' END AS "HistoryType"), d.ends, d.owner,
      (${literalArray(OPEN_STAGES)})[d.reached + 1],
      CASE d.status WHEN 'won' THEN 'closed_won' WHEN 'lost' THEN 'closed_lost' END, (d.cycle * 86400 / 6)::int,
      CASE d.status WHEN 'won' THEN '{"kind":"won"}' WHEN 'lost' THEN '{"kind":"lost"}' ELSE '{"reason":"Not a fit"}' END::jsonb
    FROM bench_deal d WHERE d.status <> 'open';
    INSERT INTO "HistoryEntry" ("opportunityId", "type", "at", "actorId", "fromStage", "toStage", "secondsInStage", "details")
    SELECT 'bench-deal-' || d.i, 'field_changed', d.created + d.cycle * 0.4 * interval '1 day', d.owner, NULL, NULL, NULL,
      jsonb_build_object('changes', jsonb_build_object('amount', jsonb_build_object('from', round(d.cents * 0.009), 'to', d.cents / 100)))
    FROM bench_deal d WHERE d.extra < 0.2;
    INSERT INTO "CloseDateChange" ("id", "opportunityId", "oldDate", "newDate", "slipDays", "reason", "changedById", "changedAt")
    SELECT 'bench-push-' || d.i, 'bench-deal-' || d.i, CAST(d.ends AS date) - (14 + d.i % 47), CAST(d.ends AS date), 14 + d.i % 47,
      'Buyer asked for more time', d.owner, d.created + d.cycle * 0.6 * interval '1 day'
    FROM bench_deal d WHERE d.extra < 0.3;

    -- The everyday entries, up to ${size.historyPerDeal} per deal in all.
    INSERT INTO "HistoryEntry" ("opportunityId", "type", "at", "actorId", "fromStage", "toStage", "secondsInStage", "details")
    SELECT 'bench-deal-' || d.i,
      CAST((ARRAY['criterion_attested', 'next_step_changed', 'plan_changed', 'close_date_changed'])[1 + (d.i + k) % 4] AS "HistoryType"),
      d.created + d.cycle * (k / ${size.historyPerDeal + 1}.0) * interval '1 day', d.owner, NULL, NULL, NULL, '{}'
    FROM bench_deal d
      CROSS JOIN LATERAL generate_series(1, ${size.historyPerDeal} - 1 - d.reached - CASE WHEN d.status = 'open' THEN 0 ELSE 1 END
        - CASE WHEN d.extra < 0.2 THEN 1 ELSE 0 END) k;

    ALTER TABLE "HistoryEntry" ENABLE TRIGGER "HistoryEntry_stage_reached";
    DROP TABLE bench_deal;
    DROP FUNCTION bench_rand(integer, integer);
  `);
  await rebuildReachedStages(database.sql);
  await raw.exec(
    `ALTER TABLE "Opportunity" ENABLE TRIGGER "Opportunity_count_inserted"; ALTER TABLE "Opportunity" ENABLE TRIGGER "Opportunity_count_changed";`,
  );
  await rebuildDealSummaries(database.sql);
  // The upkeep the app's worker runs on PGlite within minutes of start and every hour after (and
  // autovacuum on a server): VACUUM (ANALYZE) of every table. A database just loaded and never
  // vacuumed is a state no deployment stays in (src/server/ops/embedded-upkeep.ts).
  const upkeep = await vacuumAppTables(raw);
  const [counts] = await raw.query<{ deals: string; history: string }>(
    `SELECT (SELECT count(*) FROM "Opportunity") AS deals, (SELECT count(*) FROM "HistoryEntry") AS history`,
  );
  return {
    adminId: "bench-admin",
    teams: Array.from({ length: size.teams }, (_, t) => ({ id: `bench-team-${t}`, managerId: `bench-manager-${t}` })),
    deals: Number(counts!.deals),
    historyEntries: Number(counts!.history),
    upkeepMs: upkeep.ms,
  };
}
