import type { ApiTokenRow } from "@/src/server/tokens/list-own-api-tokens";
import { Badge } from "@/src/ui/badge";
import { EmptyState } from "@/src/ui/empty-state";
import { formatDay, formatMoment } from "@/src/ui/format";
import { KeyIcon } from "@/src/ui/icons";
import { RevokeTokenButton } from "./revoke-token-button";

function status(t: ApiTokenRow, now: Date) {
  if (t.revokedAt) return <Badge>Revoked {formatDay(t.revokedAt, { withYear: true })}</Badge>;
  if (t.expiresAt && t.expiresAt <= now) return <Badge tone="warning">Expired</Badge>;
  return <Badge tone="success">Active</Badge>;
}

export function TokenTable({ tokens }: { tokens: ApiTokenRow[] }) {
  if (tokens.length === 0) {
    return <EmptyState icon={<KeyIcon />} title="No API tokens yet" description="Create one above to connect a script or your CRM." />;
  }
  const now = new Date();
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Your API tokens</caption>
        <thead className="border-b border-line bg-canvas/60 text-[13px] text-ink-muted">
          <tr>
            <th scope="col" className="px-5 py-2.5 font-medium">
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
          {tokens.map((t) => {
            const isLive = !t.revokedAt && !(t.expiresAt && t.expiresAt <= now);
            return (
              <tr key={t.id} className={isLive ? undefined : "text-ink-muted"}>
                <th scope="row" className="max-w-48 truncate px-5 py-3 font-medium text-ink">
                  {t.name}
                </th>
                <td className="px-3 py-3 font-mono text-[13px] whitespace-nowrap">{t.prefix}…</td>
                <td className="px-3 py-3 whitespace-nowrap text-ink-muted">{formatMoment(t.createdAt)}</td>
                <td className="px-3 py-3 whitespace-nowrap text-ink-muted">{t.lastUsedAt ? formatMoment(t.lastUsedAt) : "Never"}</td>
                <td className="px-3 py-3 whitespace-nowrap text-ink-muted">{t.expiresAt ? formatDay(t.expiresAt, { withYear: true }) : "Never"}</td>
                <td className="px-5 py-3">
                  <div className="flex items-center justify-end gap-3">
                    {status(t, now)}
                    {isLive ? <RevokeTokenButton tokenId={t.id} tokenName={t.name} /> : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
