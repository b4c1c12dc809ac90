import type { Metadata } from "next";
import { requireActor } from "@/src/auth/current-actor";
import { can, permissionScope } from "@/src/auth/authorize";
import { toCalendarDate } from "@/src/domain/dates";
import { getLossCategories } from "@/src/server/closing/closing-settings";
import { database } from "@/src/server/db";
import { parseBoardFilters } from "@/src/server/board/board-filters";
import { boardQuery, isFiltered, unfilteredHref } from "@/src/server/board/board-query";
import { getBoard } from "@/src/server/board/get-board";
import { AppShell } from "@/src/ui/app-shell";
import { formatMoney, pluralize } from "@/src/ui/format";
import { PageHeader } from "@/src/ui/page-header";
import { NoDeals, NoMatches } from "./board-empty";
import { BoardView } from "./board-view";
import { FilterBar } from "./filter-bar";
import { NewOpportunityLink } from "@/src/ui/new-opportunity-link";
import { ButtonLink } from "@/src/ui/button";
import { UploadIcon } from "@/src/ui/icons";

export const metadata: Metadata = { title: "Board" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function BoardPage({ searchParams }: Props) {
  const filters = parseBoardFilters(await searchParams);
  const query = boardQuery(filters);
  const actor = await requireActor(query ? `/board?${query}` : "/board");
  const now = new Date();
  const [board, lossCategories] = await Promise.all([getBoard(actor, filters, now), getLossCategories(database().sql)]);

  const count = board.columns.reduce((n, c) => n + c.count, 0);
  const money = (cents: number) => formatMoney(cents, board.currency, { compact: true });
  const amount = board.columns.reduce((n, c) => n + c.amountCents, 0);
  const weighted = board.columns.reduce((n, c) => n + c.weightedCents, 0);
  const canCreate = can(actor, "opportunity.create");
  const seen = permissionScope(actor, "opportunity.read");

  return (
    <AppShell actor={actor} wide>
      <PageHeader
        eyebrow={board.processName}
        title="Pipeline board"
        description={
          count > 0
            ? `${pluralize(count, isFiltered(filters) ? "matching open deal" : "open deal")} · ${money(amount)} in pipeline · ${money(weighted)} weighted${
                board.otherCurrencyCount ? ` (${board.otherCurrencyCount} in other currencies not summed)` : ""
              }`
            : undefined
        }
        actions={
          <>
            {can(actor, "opportunity.import") ? (
              <ButtonLink variant="secondary" href="/imports">
                <UploadIcon className="size-4" />
                Import CSV
              </ButtonLink>
            ) : null}
            {canCreate ? <NewOpportunityLink /> : null}
          </>
        }
      />
      {!board.hasAnyOpenDeal && !isFiltered(filters) ? (
        <NoDeals canCreate={canCreate} canImport={can(actor, "opportunity.import")} />
      ) : (
        <>
          <FilterBar
            filters={filters}
            owners={board.owners}
            processes={board.processes}
            processKey={board.processKey}
            everyone={seen === "team" ? "My team" : seen === "all" ? "Everyone" : null}
            actorId={actor.id}
          />
          {count === 0 ? (
            <NoMatches clearHref={unfilteredHref(filters)} />
          ) : (
            <BoardView
              key={query}
              board={board}
              filters={Object.fromEntries(new URLSearchParams(query))}
              today={toCalendarDate(now)}
              lossCategories={lossCategories}
            />
          )}
        </>
      )}
    </AppShell>
  );
}
