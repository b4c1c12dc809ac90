"use client";

// The integrations page's settings: whether webhook endpoints may be inside the company's network,
// the origins whose pages may frame the embed, and a test message per channel.
import Link from "next/link";
import { useId, useState, useTransition } from "react";
import { FormOutcome, ProblemList, useActionForm } from "@/app/_kit/action-form";
import { describeError } from "@/app/opportunities/_lib/problems";
import type { EmbedSettings } from "@/src/schemas/embed";
import type { ChannelStatus, TestChannel } from "@/src/schemas/integrations";
import { Badge } from "@/src/ui/badge";
import { Button } from "@/src/ui/button";
import { Textarea } from "@/src/ui/textarea";
import { saveEmbedOriginsAction, saveWebhookSettingsAction, sendTestMessageAction } from "./actions";

export function PrivateAddressesForm({ allow }: { allow: boolean }) {
  const [checked, setChecked] = useState(allow);
  const form = useActionForm(["allowPrivateAddresses"]);
  const id = useId();
  const submit = form.onSubmit(
    () => saveWebhookSettingsAction({ allowPrivateAddresses: checked }),
    (s) => (s.allowPrivateAddresses ? "Saved: endpoints may be inside your network." : "Saved: endpoints must be public addresses."),
  );
  return (
    <form onSubmit={submit} aria-label="Private addresses" className="space-y-3">
      <label htmlFor={id} className="flex items-start gap-2 text-sm text-ink">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(e) => {
            form.edited();
            setChecked(e.target.checked);
          }}
          className="mt-0.5 size-4 rounded border-line-strong accent-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
        />
        <span>
          Allow endpoints on private, loopback and link-local addresses
          <span className="block text-[13px] text-ink-muted">
            For a receiver inside your company's network. Off by default: a URL that resolves to such an address is refused, checked again at each
            delivery.
          </span>
        </span>
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" size="sm" variant="secondary" disabled={form.pending || checked === allow}>
          {form.pending ? "Saving…" : "Save"}
        </Button>
        <FormOutcome general={form.general} notice={form.notice} />
      </div>
    </form>
  );
}

export function EmbedOriginsForm({ settings }: { settings: EmbedSettings }) {
  const [text, setText] = useState(settings.origins.join("\n"));
  const form = useActionForm(["origins"]);
  const id = useId();
  const submit = form.onSubmit(
    () => saveEmbedOriginsAction({ origins: text }),
    (s) =>
      s.origins.length === 0
        ? "Saved: no page may frame the embed now."
        : `Saved: ${s.origins.length} ${s.origins.length === 1 ? "origin" : "origins"} may frame the embed, from the next page load.`,
  );
  const problems = form.problems("origins");
  return (
    <form onSubmit={submit} aria-label="Embed origins" className="space-y-3">
      <div className="space-y-1.5">
        <label htmlFor={id} className="block text-sm font-medium text-ink">
          Origins that may frame the embed
        </label>
        <Textarea
          id={id}
          rows={4}
          value={text}
          invalid={problems.length > 0}
          aria-describedby={`${id}-help`}
          placeholder={"https://yourcompany.lightning.force.com\nhttps://app.hubspot.com"}
          onChange={(e) => {
            form.edited();
            setText(e.target.value);
          }}
          className="font-mono text-[13px]"
        />
        <p id={`${id}-help`} className="text-[13px] text-ink-muted">
          One per line, as https://host or https://host:port, without a path (http only for localhost). Every other site, and every other page of the
          app, refuses to be framed.{" "}
          {settings.source === "environment"
            ? settings.environmentOrigins.length
              ? "Until you save, the list is EMBED_ORIGINS from the environment."
              : "EMBED_ORIGINS is not set: until you save a list, no site may frame the embed."
            : `Saved here; EMBED_ORIGINS (${settings.environmentOrigins.length ? settings.environmentOrigins.join(", ") : "not set"}) no longer applies.`}
        </p>
      </div>
      <ProblemList problems={problems} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" size="sm" variant="secondary" disabled={form.pending}>
          {form.pending ? "Saving…" : "Save the origins"}
        </Button>
        <FormOutcome general={form.general} notice={form.notice} />
      </div>
    </form>
  );
}

const CHANNEL_NAMES: Record<TestChannel, string> = { slack: "Slack", email: "E-mail" };

export function ChannelTests({ channels }: { channels: ChannelStatus[] }) {
  return (
    <ul className="divide-y divide-line">
      {channels.map((c) => (
        <ChannelRow key={c.channel} status={c} />
      ))}
    </ul>
  );
}

function ChannelRow({ status: c }: { status: ChannelStatus }) {
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const name = CHANNEL_NAMES[c.channel];
  const send = () =>
    startTransition(async () => {
      const result = await sendTestMessageAction({ channel: c.channel });
      setOutcome(
        result.ok
          ? {
              ok: true,
              text: result.data.configured
                ? `Queued to ${result.data.to}. Its delivery shows in the outbox in a moment.`
                : `Queued, but ${c.variables.join(" and ")} ${c.variables.length > 1 ? "are" : "is"} not set: the outbox marks it not configured until they are and it is retried.`,
            }
          : { ok: false, text: describeError(result.error) },
      );
    });
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 px-5 py-4">
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="text-sm font-semibold text-ink">{name}</h3>
          <Badge tone={c.configured ? "success" : "warning"}>{c.configured ? "Configured" : "Not configured"}</Badge>
        </div>
        <p className="text-[13px] text-ink-muted">
          {c.configured ? `Sends to ${c.target}.` : `Set ${c.variables.join(" and ")} in the environment, then restart the app.`}{" "}
          {c.channel === "slack" ? "Won deals are posted to #wins." : "Welcome e-mails, invitations and reminders go out this way."}
        </p>
        {outcome ? (
          <p role={outcome.ok ? "status" : "alert"} className={outcome.ok ? "text-[13px] text-emerald-800" : "text-[13px] text-red-700"}>
            {outcome.text}{" "}
            {outcome.ok ? (
              <Link href={`/admin/outbox?channel=${c.channel}`} className="font-medium underline underline-offset-2">
                Open the outbox
              </Link>
            ) : null}
          </p>
        ) : null}
      </div>
      <Button size="sm" variant="secondary" onClick={send} disabled={pending}>
        {pending ? "Sending…" : `Send a test ${c.channel === "email" ? "e-mail" : "message"}`}
      </Button>
    </li>
  );
}
