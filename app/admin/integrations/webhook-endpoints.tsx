"use client";

// The webhook endpoints (docs/webhooks.md): each with its events and state, registered, changed,
// paused or enabled, its secret rotated (the new one shown once, the old one signing beside it for
// the rotation window) or deleted; its deliveries on a page of their own.
import Link from "next/link";
import { useId, useState, useTransition } from "react";
import { CopyButton } from "@/app/settings/copy-button";
import { describeError, problemFor } from "@/app/opportunities/_lib/problems";
import type { ActionError, ActionResult } from "@/src/http/action-result";
import { WEBHOOK_EVENTS, type WebhookEvent } from "@/src/domain/webhooks/event-types";
import type { WebhookResponse, WebhookWithSecret } from "@/src/schemas/webhooks";
import { Badge } from "@/src/ui/badge";
import { Button } from "@/src/ui/button";
import { CardEmptyRow } from "@/src/ui/card";
import { Dialog } from "@/src/ui/dialog";
import { Field, Input } from "@/src/ui/field";
import { formatMoment } from "@/src/ui/format";
import { AlertIcon, KeyIcon, PlusIcon } from "@/src/ui/icons";
import { createWebhookAction, deleteWebhookAction, rotateWebhookSecretAction, updateWebhookAction } from "./actions";

export const EVENT_LABELS: Record<WebhookEvent, string> = {
  "opportunity.created": "A deal is created",
  "opportunity.stage_changed": "A deal changes stage",
  "opportunity.closed_won": "A deal is won",
  "opportunity.closed_lost": "A deal is lost",
  "approval.decided": "An approver decides",
  "approval.stale": "An approval goes stale",
};

type Props = { endpoints: WebhookResponse[]; rotationHours: number; disableAfterHours: number };

type Editing = { kind: "new" } | { kind: "edit"; endpoint: WebhookResponse } | null;
type Confirming = { kind: "rotate" | "delete"; endpoint: WebhookResponse } | null;

export function WebhookEndpoints({ endpoints, rotationHours, disableAfterHours }: Props) {
  const [editing, setEditing] = useState<Editing>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [secret, setSecret] = useState<{ endpoint: WebhookWithSecret; rotated: boolean } | null>(null);

  return (
    <>
      {endpoints.length === 0 ? (
        <CardEmptyRow icon={<KeyIcon />}>
          No endpoint yet. Add one to have your CRM or data warehouse told, with a signed request, when deals move.
        </CardEmptyRow>
      ) : (
        <ul className="divide-y divide-line">
          {endpoints.map((e) => (
            <EndpointRow
              key={e.id}
              endpoint={e}
              onEdit={() => setEditing({ kind: "edit", endpoint: e })}
              onConfirm={(kind) => setConfirming({ kind, endpoint: e })}
            />
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-center gap-3 border-t border-line px-5 py-4">
        <Button size="sm" onClick={() => setEditing({ kind: "new" })}>
          <PlusIcon className="size-4" />
          Add an endpoint
        </Button>
        <p className="text-[13px] text-ink-muted">
          An endpoint failing for {disableAfterHours} hours without a success is disabled, and whoever added it is told by e-mail.
        </p>
      </div>
      {editing ? (
        <EndpointForm
          editing={editing}
          onClose={() => setEditing(null)}
          onCreated={(endpoint) => {
            setEditing(null);
            setSecret({ endpoint, rotated: false });
          }}
        />
      ) : null}
      {confirming ? (
        <ConfirmDialog
          confirming={confirming}
          rotationHours={rotationHours}
          onClose={() => setConfirming(null)}
          onRotated={(endpoint) => {
            setConfirming(null);
            setSecret({ endpoint, rotated: true });
          }}
        />
      ) : null}
      {secret ? (
        <SecretDialog secret={secret.endpoint} rotated={secret.rotated} rotationHours={rotationHours} onClose={() => setSecret(null)} />
      ) : null}
    </>
  );
}

function stateOf(e: WebhookResponse): { label: string; tone: "success" | "warning" | "danger" } {
  if (!e.active) return { label: e.disabledReason?.startsWith("Paused") ? "Paused" : "Disabled", tone: "danger" };
  if (e.failingSince) return { label: "Failing", tone: "warning" };
  return { label: "Active", tone: "success" };
}

function EndpointRow({
  endpoint: e,
  onEdit,
  onConfirm,
}: {
  endpoint: WebhookResponse;
  onEdit: () => void;
  onConfirm: (kind: "rotate" | "delete") => void;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const state = stateOf(e);
  const headingId = `webhook-${e.id}`;
  const toggle = () =>
    startTransition(async () => {
      const result = await updateWebhookAction({ id: e.id, changes: { active: !e.active } });
      setError(result.ok ? null : describeError(result.error));
    });
  return (
    <li aria-labelledby={headingId} className="px-5 py-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1 space-y-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={state.tone}>{state.label}</Badge>
            <h3 id={headingId} className="min-w-0 font-mono text-[13px] break-all text-ink">
              {e.url}
            </h3>
          </div>
          {e.description ? <p className="text-sm text-ink">{e.description}</p> : null}
          <ul className="flex flex-wrap gap-1.5" aria-label="Events">
            {e.events.map((event) => (
              <li key={event}>
                <Badge>{event}</Badge>
              </li>
            ))}
          </ul>
          <p className="text-[13px] text-ink-muted">
            Added {formatMoment(new Date(e.createdAt))}
            {e.failingSince ? ` · failing since ${formatMoment(new Date(e.failingSince))}` : ""}
            {e.previousSecretExpiresAt ? ` · the previous secret signs too until ${formatMoment(new Date(e.previousSecretExpiresAt))}` : ""}
          </p>
          {!e.active && e.disabledReason ? (
            <p className="flex items-start gap-1.5 text-[13px] text-red-700">
              <AlertIcon className="mt-0.5 size-3.5 shrink-0" />
              {e.disabledReason}
            </p>
          ) : null}
          {error ? (
            <p role="alert" className="text-[13px] text-red-700">
              {error}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-2">
          <Link
            href={`/admin/integrations/webhooks/${e.id}`}
            className="inline-flex h-8 items-center rounded-lg px-3 text-[13px] font-medium text-accent-ink hover:bg-accent-soft focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
          >
            Deliveries
          </Link>
          <Button size="sm" variant="secondary" onClick={onEdit} aria-label={`Edit ${e.url}`}>
            Edit
          </Button>
          <Button size="sm" variant="secondary" onClick={toggle} disabled={pending} aria-label={`${e.active ? "Pause" : "Enable"} ${e.url}`}>
            {pending ? "Saving…" : e.active ? "Pause" : "Enable"}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => onConfirm("rotate")} aria-label={`Rotate the secret of ${e.url}`}>
            Rotate secret
          </Button>
          <Button size="sm" variant="danger" onClick={() => onConfirm("delete")} aria-label={`Delete ${e.url}`}>
            Delete
          </Button>
        </div>
      </div>
    </li>
  );
}

function EndpointForm({
  editing,
  onClose,
  onCreated,
}: {
  editing: NonNullable<Editing>;
  onClose: () => void;
  onCreated: (e: WebhookWithSecret) => void;
}) {
  const current = editing.kind === "edit" ? editing.endpoint : null;
  const [url, setUrl] = useState(current?.url ?? "https://");
  const [description, setDescription] = useState(current?.description ?? "");
  const [events, setEvents] = useState<WebhookEvent[]>(
    current?.events ?? ["opportunity.stage_changed", "opportunity.closed_won", "opportunity.closed_lost"],
  );
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();
  const ids = useId();
  const submit = () =>
    startTransition(async () => {
      const body = { url: url.trim(), events, description: description.trim() };
      const result: ActionResult<unknown> = current ? await updateWebhookAction({ id: current.id, changes: body }) : await createWebhookAction(body);
      if (!result.ok) return setError(result.error);
      if (current) onClose();
      else onCreated(result.data as WebhookWithSecret);
    });
  const urlProblem = problemFor(error, "url") ?? problemFor(error, "changes.url");
  const eventsProblem = problemFor(error, "events") ?? problemFor(error, "changes.events");
  const general = error && !urlProblem && !eventsProblem ? describeError(error) : null;
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? null : onClose())}
      title={current ? "Edit the endpoint" : "Add a webhook endpoint"}
      description="Requests are POSTed as JSON and signed as the Standard Webhooks specification says (webhook-id, webhook-timestamp, webhook-signature)."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} disabled={pending || events.length === 0}>
            {pending ? "Saving…" : current ? "Save" : "Add the endpoint"}
          </Button>
        </>
      }
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Field id={`${ids}-url`} label="URL" hint="https:// only; an address inside your network needs the setting below." error={urlProblem}>
          <Input
            id={`${ids}-url`}
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            invalid={!!urlProblem}
            aria-describedby={`${ids}-url-help`}
            autoComplete="off"
          />
        </Field>
        <Field id={`${ids}-description`} label="Description (optional)">
          <Input id={`${ids}-description`} value={description} maxLength={500} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-ink">Events</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {WEBHOOK_EVENTS.map((event) => (
              <label key={event} className="flex items-start gap-2 text-sm text-ink">
                <input
                  type="checkbox"
                  checked={events.includes(event)}
                  onChange={(e) => setEvents(e.target.checked ? [...events, event] : events.filter((x) => x !== event))}
                  className="mt-0.5 size-4 rounded border-line-strong accent-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
                />
                <span>
                  {EVENT_LABELS[event]} <span className="block font-mono text-xs text-ink-muted">{event}</span>
                </span>
              </label>
            ))}
          </div>
          {events.length === 0 || eventsProblem ? (
            <p className="mt-2 text-[13px] text-red-700">{eventsProblem ?? "Choose at least one event."}</p>
          ) : null}
        </fieldset>
        {general ? (
          <p role="alert" className="text-sm text-red-700">
            {general}
          </p>
        ) : null}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </form>
    </Dialog>
  );
}

function ConfirmDialog({
  confirming,
  rotationHours,
  onClose,
  onRotated,
}: {
  confirming: NonNullable<Confirming>;
  rotationHours: number;
  onClose: () => void;
  onRotated: (e: WebhookWithSecret) => void;
}) {
  const { kind, endpoint } = confirming;
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const confirm = () =>
    startTransition(async () => {
      if (kind === "rotate") {
        const result = await rotateWebhookSecretAction({ id: endpoint.id });
        if (result.ok) onRotated(result.data);
        else setError(describeError(result.error));
      } else {
        const result = await deleteWebhookAction({ id: endpoint.id });
        if (result.ok) onClose();
        else setError(describeError(result.error));
      }
    });
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? null : onClose())}
      title={kind === "rotate" ? "Rotate the secret?" : "Delete the endpoint?"}
      description={
        kind === "rotate"
          ? `A new secret signs every delivery from now on; the current one keeps signing beside it for ${rotationHours} hours, while your receiver changes over.`
          : "It is sent nothing more. Its deliveries stay in the outbox's history."
      }
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button variant={kind === "delete" ? "danger" : "primary"} onClick={confirm} disabled={pending}>
            {pending ? "Working…" : kind === "rotate" ? "Rotate the secret" : "Delete the endpoint"}
          </Button>
        </>
      }
    >
      <p className="font-mono text-[13px] break-all text-ink">{endpoint.url}</p>
      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}

function SecretDialog({
  secret,
  rotated,
  rotationHours,
  onClose,
}: {
  secret: WebhookWithSecret;
  rotated: boolean;
  rotationHours: number;
  onClose: () => void;
}) {
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? null : onClose())}
      title={rotated ? "The new secret" : "The endpoint's secret"}
      description="Copy it into your receiver now: it is shown this once. Your receiver verifies each request's signature with it."
      footer={<Button onClick={onClose}>I have copied it</Button>}
    >
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="webhook-secret"
          className="min-w-0 flex-1 rounded-lg border border-line bg-canvas px-3 py-2 font-mono text-[13px] break-all text-ink"
        >
          {secret.secret}
        </code>
        <CopyButton value={secret.secret} label="Copy the secret" />
      </div>
      {rotated ? (
        <p className="mt-3 text-[13px] text-ink-muted">The previous secret keeps signing beside this one for {rotationHours} hours.</p>
      ) : null}
    </Dialog>
  );
}
