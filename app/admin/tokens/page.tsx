// Access for admins (docs/rules/access.md): every user's API tokens with their owner, creation, last
// use and expiry, filtered by owner and status (in the URL, a GET form), newest first; a live one can
// be revoked. Each user sees and revokes their own on the settings page.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import { TOKEN_STATUSES, type TokenStatus } from "@/src/schemas/tokens";
import { database } from "@/src/server/db";
import { cursorOrFirstPage } from "@/src/server/list-cursor";
import { listApiTokens } from "@/src/server/tokens/admin-tokens";
import { Badge, type BadgeTone } from "@/src/ui/badge";
import { Button, ButtonLink } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { CursorPager } from "@/src/ui/cursor-pager";
import { EmptyState } from "@/src/ui/empty-state";
import { formatDay, formatMoment } from "@/src/ui/format";
import { KeyIcon } from "@/src/ui/icons";
import { PageHeader } from "@/src/ui/page-header";
import { Select } from "@/src/ui/select";
import { RevokeButton } from "./revoke-button";

export const metadata: Metadata = { title: "API tokens" };

const PAGE_SIZE = 50;
const STATUS_LABELS: Record<TokenStatus, string> = { active: "Active", expired: "Expired", revoked: "Revoked" };
const STATUS_TONES: Record<TokenStatus, BadgeTone> = { active: "success", expired: "warning", revoked: "neutral" };

type Filters = { owner?: string; status?: TokenStatus; cursor?: string };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

function parseFilters(params: Record<string, string | string[] | undefined>): Filters {
  const owner = one(params.owner);
  const status = one(params.status);
  return {
    owner: owner && /^[A-Za-z0-9_-]{1,64}$/.test(owner) ? owner : undefined,
    status: (TOKEN_STATUSES as readonly string[]).includes(status ?? "") ? (status as TokenStatus) : undefined,
    cursor: cursorOrFirstPage(one(params.cursor)),
  };
}

function hrefOf(filters: Filters): string {
  const q = new URLSearchParams();
  if (filters.owner) q.set("owner", filters.owner);
  if (filters.status) q.set("status", filters.status);
  if (filters.cursor) q.set("cursor", filters.cursor);
  const s = q.toString();
  return s ? `/admin/tokens?${s}` : "/admin/tokens";
}

export default async function TokensPage({ searchParams }: Props) {
  const filters = parseFilters(await searchParams);
  const actor = await requireActor(hrefOf(filters));
  if (!can(actor, "tokens.manage")) notFound();
  const [page, owners] = await Promise.all([
    listApiTokens(actor, { userId: filters.owner, status: filters.status, cursor: filters.cursor, limit: PAGE_SIZE }),
    // Whoever holds a token, for the owner filter.
    database()
      .sql.selectFrom("User as u")
      .select(["u.id", "u.name", "u.email"])
      .where((eb) => eb.exists(eb.selectFrom("ApiToken as t").select("t.id").whereRef("t.userId", "=", "u.id")))
      .orderBy("u.name")
      .execute(),
  ]);
  const filtered = Boolean(filters.owner || filters.status);

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Every token that scripts and integrations use to call the API, whose it is and when it was last used. A revoked token stops working at its next request. Each person manages their own on their settings page."
      />
      <Card flush aria-labelledby="tokens-heading" title={<span id="tokens-heading">Tokens</span>}>
        <form method="get" action="/admin/tokens" aria-label="Filter tokens" className="flex flex-wrap items-end gap-3 border-b border-line p-5">
          <div className="min-w-56 max-w-full">
            <label htmlFor="tokens-owner" className="mb-1.5 block text-[13px] font-medium text-ink">
              Owner
            </label>
            <Select id="tokens-owner" name="owner" defaultValue={filters.owner ?? ""}>
              <option value="">Everyone</option>
              {owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} ({o.email})
                </option>
              ))}
            </Select>
          </div>
          <div className="min-w-40">
            <label htmlFor="tokens-status" className="mb-1.5 block text-[13px] font-medium text-ink">
              Status
            </label>
            <Select id="tokens-status" name="status" defaultValue={filters.status ?? ""}>
              <option value="">Any status</option>
              {TOKEN_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          {filtered ? (
            <ButtonLink href="/admin/tokens" variant="ghost">
              Clear filters
            </ButtonLink>
          ) : null}
        </form>
        {page.items.length === 0 ? (
          <EmptyState
            icon={<KeyIcon />}
            title={filtered ? "No token matches" : "No API tokens yet"}
            description={
              filtered
                ? "No token matches these filters. Clear them to see every token."
                : "A token appears here once someone creates one on their settings page or through POST /api/v1/tokens."
            }
          />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[52rem] text-left text-sm">
              <caption className="sr-only">API tokens, newest first</caption>
              <thead className="bg-canvas text-[13px] text-ink-muted">
                <tr>
                  <th scope="col" className="px-5 py-2.5 font-medium">
                    Owner
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Name
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Token
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Created
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Last used
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Expires
                  </th>
                  <th scope="col" className="px-5 py-2.5 text-right font-medium">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {page.items.map((t) => (
                  <tr key={t.id} className={t.status === "active" ? undefined : "text-ink-muted"}>
                    <td className="px-5 py-3">
                      <Link
                        href={hrefOf({ owner: t.owner.id, status: filters.status })}
                        className="font-medium text-ink underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent"
                      >
                        {t.owner.name}
                      </Link>
                      <span className="block text-[13px] text-ink-muted">
                        {t.owner.email}
                        {t.owner.active ? "" : " · deactivated"}
                      </span>
                    </td>
                    <th scope="row" className="max-w-48 truncate px-3 py-3 font-medium text-ink">
                      {t.name}
                    </th>
                    <td className="px-3 py-3 font-mono text-[13px] whitespace-nowrap">{t.prefix}…</td>
                    <td className="px-3 py-3 whitespace-nowrap">{formatMoment(new Date(t.createdAt))}</td>
                    <td className="px-3 py-3 whitespace-nowrap">{t.lastUsedAt ? formatMoment(new Date(t.lastUsedAt)) : "Never"}</td>
                    <td className="px-3 py-3 whitespace-nowrap">{t.expiresAt ? formatDay(new Date(t.expiresAt), { withYear: true }) : "Never"}</td>
                    <td className="px-5 py-3">
                      <div className="flex items-center justify-end gap-3">
                        <Badge tone={STATUS_TONES[t.status]}>
                          {t.status === "revoked" && t.revokedAt
                            ? `Revoked ${formatDay(new Date(t.revokedAt), { withYear: true })}`
                            : STATUS_LABELS[t.status]}
                        </Badge>
                        {t.status === "active" ? <RevokeButton id={t.id} name={t.name} owner={t.owner.name} /> : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <CursorPager
          noun="tokens"
          shown={PAGE_SIZE}
          newestHref={filters.cursor ? hrefOf({ ...filters, cursor: undefined }) : null}
          olderHref={page.nextCursor ? hrefOf({ ...filters, cursor: page.nextCursor }) : null}
        />
      </Card>
    </>
  );
}
