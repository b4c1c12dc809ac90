// What the audit log records (docs/rules/audit.md): each kind of entry by its action, and the kinds
// of object they are about. One list, read by the writers, the API's filters and the page's labels.

export const AUDIT_ACTIONS = [
  "signin.succeeded",
  "signin.failed",
  "process.published",
  "process.draft_created",
  "process.draft_saved",
  "process.draft_discarded",
  "process.deals_moved",
  "process.updated",
  "rule.created",
  "rule.updated",
  "deal_desk_settings.changed",
  "team.deputy_changed",
  "closing_settings.changed",
  "user.created",
  "user.deactivated",
  "user.reactivated",
  "user.invited",
  "user.invitation_resent",
  "user.invitation_accepted",
  "user.changed",
  "user.deals_reassigned",
  "team.created",
  "team.updated",
  "team.target_set",
  "team.target_removed",
  "team.deal_sizes_set",
  "token.created",
  "token.revoked",
  "webhook.created",
  "webhook.updated",
  "webhook.deleted",
  "webhook.secret_rotated",
  "webhook_settings.changed",
  "embed_settings.changed",
  "outbox.retried",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OBJECT_TYPES = ["user", "team", "process", "rule", "setting", "token", "webhook", "outbox_message"] as const;
export type AuditObjectType = (typeof AUDIT_OBJECT_TYPES)[number];

export const ACTION_LABELS: Record<AuditAction, string> = {
  "signin.succeeded": "Signed in",
  "signin.failed": "Sign-in failed",
  "process.published": "Process published",
  "process.draft_created": "Process draft started",
  "process.draft_saved": "Process draft saved",
  "process.draft_discarded": "Process draft discarded",
  "process.deals_moved": "Deals moved to the latest process version",
  "process.updated": "Process made default or tied to a deal type",
  "rule.created": "Deal desk rule created",
  "rule.updated": "Deal desk rule changed",
  "deal_desk_settings.changed": "Deal desk settings changed",
  "team.deputy_changed": "Approval deputy changed",
  "closing_settings.changed": "Closing settings changed",
  "user.created": "User created",
  "user.deactivated": "User deactivated",
  "user.reactivated": "User reactivated",
  "user.invited": "User invited",
  "user.invitation_resent": "Invitation sent again",
  "user.invitation_accepted": "Invitation accepted",
  "user.changed": "User's role, team or groups changed",
  "user.deals_reassigned": "Deals reassigned",
  "team.created": "Team created",
  "team.updated": "Team renamed or manager changed",
  "team.target_set": "Team target set",
  "team.target_removed": "Team target removed",
  "team.deal_sizes_set": "Deal sizes set",
  "token.created": "API token created",
  "token.revoked": "API token revoked",
  "webhook.created": "Webhook registered",
  "webhook.updated": "Webhook changed",
  "webhook.deleted": "Webhook deleted",
  "webhook.secret_rotated": "Webhook secret rotated",
  "webhook_settings.changed": "Webhook settings changed",
  "embed_settings.changed": "Embed origins changed",
  "outbox.retried": "Message retried",
};

export const OBJECT_TYPE_LABELS: Record<AuditObjectType, string> = {
  user: "User",
  team: "Team",
  process: "Process",
  rule: "Deal desk rule",
  setting: "Settings",
  token: "API token",
  webhook: "Webhook",
  outbox_message: "Outgoing message",
};

/** What a secret is written as: the entry says it was there (or changed), never what it is. */
export const SECRET_MARKER = "[secret]";

/** Field names whose values are secrets wherever they appear in a before or after. */
const SECRET_FIELDS = new Set(["secret", "previousSecret", "token", "tokenHash", "password", "passwordHash", "clientSecret"]);

/** `value` with every secret field's value (at any depth) replaced by the marker; null and absent stay so. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_FIELDS.has(k) && v != null ? SECRET_MARKER : withoutSecrets(v)]),
  );
}
