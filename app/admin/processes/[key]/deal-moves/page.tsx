// Moving the open deals of a process's older versions onto its latest (docs/rules/sales-process.md#moving-open-deals-onto-the-latest-version):
// the preview lists each deal that would move and each that would stay, with why (its stage is
// missing from the latest version, or it misses criteria of the stages before it there, each named),
// then one button moves those that may, and the report says what happened.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import { AppError } from "@/src/errors";
import { DealMovesQuery, type DealMovesReport } from "@/src/schemas/process-drafts";
import { database, db } from "@/src/server/db";
import { getLatestProcessVersion } from "@/src/server/process/get-process-version";
import { previewDealMoves } from "@/src/server/process/move-deals";
import { Badge } from "@/src/ui/badge";
import { Button, ButtonLink } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { EmptyState } from "@/src/ui/empty-state";
import { ArrowLeftIcon, CheckCircleIcon } from "@/src/ui/icons";
import { PageHeader } from "@/src/ui/page-header";
import { Select } from "@/src/ui/select";
import { MoveDealsPanel } from "./move-deals-panel";
import { StaysBecause } from "./stays-because";

export const metadata: Metadata = { title: "Move open deals" };

type Props = { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function DealMovesPage({ params, searchParams }: Props) {
  const { key } = await params;
  const parsed = DealMovesQuery.safeParse({ fromVersion: one((await searchParams).fromVersion) });
  const fromVersion = parsed.success ? parsed.data.fromVersion : undefined;
  const here = `/admin/processes/${encodeURIComponent(key)}/deal-moves${fromVersion ? `?fromVersion=${fromVersion}` : ""}`;
  const actor = await requireActor(here);
  if (!can(actor, "process.manage")) notFound();
  let preview: DealMovesReport;
  try {
    preview = await previewDealMoves(actor, key, { fromVersion });
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  const [latest, olderVersions] = await Promise.all([
    getLatestProcessVersion(database().sql, key),
    db().processVersion.findMany({
      where: { process: { key }, version: { lt: preview.toVersion } },
      orderBy: { version: "desc" },
      select: { version: true },
    }),
  ]);
  const stageName = new Map(latest.stages.map((s) => [s.key, s.name]));

  return (
    <>
      <PageHeader
        eyebrow={
          <Link
            href="/admin/processes"
            className="inline-flex items-center gap-1 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent"
          >
            <ArrowLeftIcon className="size-3.5" />
            Processes
          </Link>
        }
        title={`Move open deals to version ${preview.toVersion} of ${latest.name}`}
        description="A deal keeps its stage and its time in it. It moves only when the latest version has its stage and the deal meets every exit criterion of the stages before it there; otherwise it stays on its version, and you see why. Closed deals never move."
      />
      <div className="space-y-6">
        <MoveDealsPanel
          processKey={key}
          fromVersion={fromVersion}
          moves={preview.moves}
          toVersion={preview.toVersion}
          stageNames={Object.fromEntries(stageName)}
        />
        <Card
          flush
          aria-labelledby="preview-heading"
          title={<span id="preview-heading">Preview</span>}
          description={preview.items.length ? `${preview.moves} would move, ${preview.stays} would stay.` : undefined}
        >
          {olderVersions.length > 1 ? (
            <form
              method="get"
              action={`/admin/processes/${key}/deal-moves`}
              aria-label="Choose the version"
              className="flex flex-wrap items-end gap-3 border-b border-line p-5"
            >
              <div className="min-w-48">
                <label htmlFor="from-version" className="mb-1.5 block text-[13px] font-medium text-ink">
                  Deals of
                </label>
                <Select id="from-version" name="fromVersion" defaultValue={fromVersion ? String(fromVersion) : ""}>
                  <option value="">Every older version</option>
                  {olderVersions.map((v) => (
                    <option key={v.version} value={v.version}>
                      Version {v.version}
                    </option>
                  ))}
                </Select>
              </div>
              <Button type="submit" variant="secondary">
                Show
              </Button>
            </form>
          ) : null}
          {preview.items.length === 0 ? (
            <EmptyState
              icon={<CheckCircleIcon />}
              title={fromVersion ? `No open deal follows version ${fromVersion}` : "Every open deal follows the latest version"}
              description={`Nothing to move: the open deals of ${latest.name} are on version ${preview.toVersion}. Deals already closed keep the version they closed on.`}
              action={
                <ButtonLink href="/admin/processes" variant="secondary" size="sm">
                  Back to the processes
                </ButtonLink>
              }
            />
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full min-w-[48rem] text-left text-sm">
                <caption className="sr-only">Open deals of older versions, and whether each would move</caption>
                <thead className="bg-canvas text-[13px] text-ink-muted">
                  <tr>
                    <th scope="col" className="px-5 py-2.5 font-medium">
                      Deal
                    </th>
                    <th scope="col" className="px-3 py-2.5 font-medium">
                      Owner
                    </th>
                    <th scope="col" className="px-3 py-2.5 font-medium">
                      Stage
                    </th>
                    <th scope="col" className="px-3 py-2.5 font-medium">
                      On version
                    </th>
                    <th scope="col" className="px-5 py-2.5 font-medium">
                      Outcome
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-line">
                  {preview.items.map((d) => (
                    <tr key={d.id}>
                      <th scope="row" className="px-5 py-3 font-medium text-ink">
                        <Link
                          href={`/opportunities/${d.id}`}
                          className="underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent"
                        >
                          {d.name}
                        </Link>
                      </th>
                      <td className="px-3 py-3">{d.ownerName}</td>
                      <td className="px-3 py-3">{stageName.get(d.stage) ?? d.stage}</td>
                      <td className="px-3 py-3 tabular-nums">{d.fromVersion}</td>
                      <td className="px-5 py-3">
                        {d.outcome === "stays" ? <StaysBecause item={d} stageNames={stageName} /> : <Badge tone="success">Moves</Badge>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
