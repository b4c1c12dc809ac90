"use client";

// The #wins post and the welcome e-mail, each edited beside its live preview and saved on its own.
// The preview is filled from the won deal chosen above them (the latest by default) by the server,
// with the functions the checklist sends with; with no won deal, from a sample deal, and it says so.
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import type { SlackTemplate, WelcomeTemplate } from "@/src/domain/closing/templates";
import type { ClosingPreview, PreviewDeal } from "@/src/server/closing/admin-page";
import { Button } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { formatDay } from "@/src/ui/format";
import { InfoIcon } from "@/src/ui/icons";
import { Select } from "@/src/ui/select";
import { saveSlackTemplateAction, saveWelcomeTemplateAction } from "./actions";
import { FormOutcome, useActionForm } from "@/app/_kit/action-form";
import { PlaceholderButtons, TemplateField, useInsertion } from "./template-fields";
import { useTemplatePreview } from "./template-preview-hook";

type Props = {
  slack: SlackTemplate;
  welcome: WelcomeTemplate;
  placeholders: { slack: Record<string, string>; welcome: Record<string, string> };
  wonDeals: PreviewDeal[];
};

export function TemplatesEditor({ slack, welcome, placeholders, wonDeals }: Props) {
  const [dealId, setDealId] = useState(wonDeals[0]?.id ?? "");
  const [slackText, setSlackText] = useState(slack.text);
  const [welcomeDraft, setWelcomeDraft] = useState<WelcomeTemplate>(welcome);
  const { preview, error, loading } = useTemplatePreview({
    dealId: dealId || null,
    slackTemplate: { text: slackText },
    welcomeTemplate: welcomeDraft,
  });

  return (
    <div className="space-y-6">
      <Card title="Preview with" description="The previews below are filled from this deal, as its checklist would send them.">
        {wonDeals.length ? (
          <div className="max-w-xl space-y-1.5">
            <label htmlFor="preview-deal" className="block text-sm font-medium text-ink">
              Won deal
            </label>
            <Select id="preview-deal" value={dealId} onChange={(e) => setDealId(e.target.value)}>
              {wonDeals.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                  {d.name.includes(d.accountName) ? "" : ` · ${d.accountName}`}
                  {d.closedAt ? ` · won ${formatDay(new Date(d.closedAt), { withYear: true })}` : ""}
                </option>
              ))}
            </Select>
          </div>
        ) : (
          <p className="flex items-center gap-2 text-sm text-ink-muted">
            <InfoIcon className="size-4 shrink-0" />
            No deal has been won yet: the previews use a sample deal, Northwind Platform Rollout.
          </p>
        )}
        {preview?.deal && preview.contact.sample ? (
          <p className="mt-3 flex items-center gap-2 text-[13px] text-ink-muted">
            <InfoIcon className="size-4 shrink-0" />
            {preview.deal.name} has no customer contact with an e-mail address: the welcome e-mail greets a sample name, {preview.contact.name}.
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="mt-3 text-sm text-red-700">
            The preview could not be filled: {error.message}
          </p>
        ) : null}
      </Card>
      <SlackForm
        initial={slack}
        text={slackText}
        setText={setSlackText}
        placeholders={placeholders.slack}
        preview={preview?.slack}
        loading={loading}
        from={fromWhat(preview)}
      />
      <WelcomeForm
        initial={welcome}
        draft={welcomeDraft}
        setDraft={setWelcomeDraft}
        placeholders={placeholders.welcome}
        preview={preview}
        loading={loading}
        from={fromWhat(preview)}
      />
    </div>
  );
}

const fromWhat = (preview: ClosingPreview | null) => (preview ? (preview.deal ? preview.deal.name : "a sample deal") : "…");

/** After a save the page re-renders with what was stored: the field takes it (trimmed, as saved). */
function useStored<T>(stored: T, set: (value: T) => void) {
  const key = JSON.stringify(stored);
  useEffect(() => set(JSON.parse(key)), [key, set]);
}

type TemplateCardProps = {
  title: string;
  description: string;
  formLabel: string;
  form: ReturnType<typeof useActionForm>;
  submit: (e: FormEvent) => void;
  /** The save button's words. */
  save: string;
  /** The template's fields, above the save button. */
  children: ReactNode;
  preview: ReactNode;
};

/** A template's card: its fields and save button beside its live preview (below it on a narrow screen). */
function TemplateCard({ title, description, formLabel, form, submit, save, children, preview }: TemplateCardProps) {
  return (
    <Card title={title} description={description}>
      <form onSubmit={submit} noValidate aria-label={formLabel} className="grid gap-6 lg:grid-cols-2">
        <div className="min-w-0 space-y-4">
          {children}
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={form.pending}>
              {form.pending ? "Saving…" : save}
            </Button>
            <FormOutcome general={form.general} notice={form.notice} />
          </div>
        </div>
        {preview}
      </form>
    </Card>
  );
}

function PreviewPane({ title, from, loading, children }: { title: string; from: string; loading: boolean; children: ReactNode }) {
  return (
    <section aria-label={title} aria-busy={loading} className="min-w-0 space-y-2">
      <h3 className="text-[13px] font-medium text-ink">
        {title} <span className="font-normal text-ink-muted">· from {from}</span>
        {loading ? <span className="ml-2 font-normal text-ink-muted">updating…</span> : null}
      </h3>
      {children}
    </section>
  );
}

/** Slack's &amp; &lt; &gt; back to what the channel shows. */
const slackShown = (text: string) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const EMOJI: Record<string, string> = { ":trophy:": "🏆", ":tada:": "🎉", ":rocket:": "🚀", ":star:": "⭐", ":handshake:": "🤝" };

/** Slack's mrkdwn as the channel draws it, for the common marks: *bold*, _italic_, ~strike~ and a few emoji. */
function Mrkdwn({ text }: { text: string }) {
  const parts = slackShown(text).split(/(\*[^*\n]+\*|_[^_\n]+_|~[^~\n]+~|:[a-z_]+:)/g);
  return (
    <>
      {parts.map((p, i) => {
        const key = `${i}-${p}`;
        if (/^\*[^*\n]+\*$/.test(p)) return <strong key={key}>{p.slice(1, -1)}</strong>;
        if (/^_[^_\n]+_$/.test(p)) return <em key={key}>{p.slice(1, -1)}</em>;
        if (/^~[^~\n]+~$/.test(p)) return <s key={key}>{p.slice(1, -1)}</s>;
        if (EMOJI[p]) return <span key={key}>{EMOJI[p]}</span>;
        return <span key={key}>{p}</span>;
      })}
    </>
  );
}

function Unfilled({ problems }: { problems: string[] }) {
  return (
    <p className="rounded-lg border border-dashed border-line-strong bg-canvas px-3 py-4 text-[13px] text-ink-muted">
      {problems.length ? "Fix the template's problems to see it filled." : "Nothing to show yet."}
    </p>
  );
}

/** What a template's form is given beside its template: its placeholders and the preview's state. */
type PreviewProps<P> = { placeholders: Record<string, string>; preview: P; loading: boolean; from: string };

type SlackFormProps = PreviewProps<ClosingPreview["slack"]> & { initial: SlackTemplate; text: string; setText: (text: string) => void };

function SlackForm({ initial, text, setText, placeholders, preview, loading, from }: SlackFormProps) {
  const form = useActionForm(["slackTemplate.text"]);
  useStored(initial.text, setText);
  const change = (value: string) => {
    form.edited();
    setText(value);
  };
  const insertion = useInsertion("text", { text }, (_, value) => change(value));
  const submit = form.onSubmit(
    () => saveSlackTemplateAction({ slackTemplate: { text } }),
    () => "Saved. Won deals post this from now on.",
  );
  const context = preview?.value?.blocks[1] as { elements?: { text?: string }[] } | undefined;

  return (
    <TemplateCard
      title="#wins post"
      description="Posted in Slack's #wins channel when the rep sends it from a won deal's checklist. Slack formatting: *bold*, _italic_."
      formLabel="#wins post template"
      form={form}
      submit={submit}
      save="Save #wins post"
      preview={
        <PreviewPane title="#wins preview" from={from} loading={loading}>
          {preview?.value ? (
            <div className="rounded-lg border border-line bg-white p-4 text-sm text-zinc-900">
              <p className="text-[13px] font-bold">Stageline</p>
              <p className="mt-1 whitespace-pre-wrap break-words" data-testid="slack-preview">
                <Mrkdwn text={preview.value.text} />
              </p>
              {context?.elements?.[0]?.text ? <p className="mt-2 text-xs text-zinc-600">{slackShown(context.elements[0].text)}</p> : null}
            </div>
          ) : (
            <Unfilled problems={preview?.problems ?? []} />
          )}
        </PreviewPane>
      }
    >
      <TemplateField
        id="slack-text"
        label="Message"
        kind="slack"
        value={text}
        onChange={change}
        serverProblem={form.problem("slackTemplate.text")}
        bind={insertion.bind("text")}
        multiline
        rows={6}
        maxLength={3000}
      />
      <PlaceholderButtons
        id="slack-placeholders"
        placeholders={placeholders}
        target="the message"
        onInsert={(tag) => insertion.insert(tag, "the message")}
        said={insertion.said}
      />
    </TemplateCard>
  );
}

type WelcomeFormProps = PreviewProps<ClosingPreview | null> & {
  initial: WelcomeTemplate;
  draft: WelcomeTemplate;
  setDraft: (draft: WelcomeTemplate) => void;
};

const WELCOME_LABELS: Record<keyof WelcomeTemplate, string> = { subject: "the subject", text: "the text", html: "the HTML" };

function WelcomeForm({ initial, draft, setDraft, placeholders, preview, loading, from }: WelcomeFormProps) {
  const form = useActionForm(["welcomeTemplate.subject", "welcomeTemplate.text", "welcomeTemplate.html"]);
  useStored(initial, setDraft);
  const set = (part: keyof WelcomeTemplate, value: string) => {
    form.edited();
    setDraft({ ...draft, [part]: value });
  };
  const insertion = useInsertion<keyof WelcomeTemplate>("subject", draft, set);
  const submit = form.onSubmit(
    () => saveWelcomeTemplateAction({ welcomeTemplate: draft }),
    () => "Saved. New customers are welcomed with this from now on.",
  );
  /** What each part's field takes from the draft, the save's answer and the placeholder buttons. */
  const partProps = (part: keyof WelcomeTemplate) => ({
    value: draft[part],
    onChange: (v: string) => set(part, v),
    serverProblem: form.problem(`welcomeTemplate.${part}`),
    bind: insertion.bind(part),
  });
  const welcome = preview?.welcome;
  const contact = preview?.contact;
  const srcDoc = welcome?.html.value
    ? `<!doctype html><html><head><meta charset="utf-8"><title>Welcome e-mail</title></head><body style="margin:0;padding:16px;font:14px/1.5 system-ui,sans-serif;color:#18181b;background:#fff">${welcome.html.value}</body></html>`
    : null;

  return (
    <TemplateCard
      title="Welcome e-mail"
      description="Sent to a new customer's contact with the role Customer contact, from a won deal's checklist (not for expansions). Every e-mail has a plain-text part and an HTML part."
      formLabel="Welcome e-mail template"
      form={form}
      submit={submit}
      save="Save welcome e-mail"
      preview={
        <PreviewPane title="Welcome e-mail preview" from={from} loading={loading}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-lg border border-line bg-canvas px-3 py-2 text-[13px]">
            <dt className="text-ink-muted">To</dt>
            <dd className="min-w-0 break-words text-ink">
              {contact ? `${contact.name}${contact.email ? ` <${contact.email}>` : ""}${contact.sample ? " (sample)" : ""}` : "…"}
            </dd>
            <dt className="text-ink-muted">Subject</dt>
            <dd className="min-w-0 break-words font-medium text-ink" data-testid="welcome-subject-preview">
              {welcome?.subject.value ?? <span className="font-normal text-ink-muted">Fix the subject to see it filled.</span>}
            </dd>
          </dl>
          <h4 className="pt-2 text-[13px] font-medium text-ink-muted">HTML part</h4>
          {srcDoc ? (
            <iframe
              title="The welcome e-mail's HTML part, filled"
              sandbox=""
              srcDoc={srcDoc}
              className="h-72 w-full rounded-lg border border-line bg-white"
            />
          ) : (
            <Unfilled problems={welcome?.html.problems ?? []} />
          )}
          <h4 className="pt-2 text-[13px] font-medium text-ink-muted">Plain-text part</h4>
          {welcome?.text.value ? (
            <pre className="max-h-72 overflow-auto rounded-lg border border-line bg-white p-3 font-sans text-[13px] whitespace-pre-wrap break-words text-ink">
              {welcome.text.value}
            </pre>
          ) : (
            <Unfilled problems={welcome?.text.problems ?? []} />
          )}
        </PreviewPane>
      }
    >
      <TemplateField id="welcome-subject" label="Subject" kind="welcome" {...partProps("subject")} maxLength={200} hint="Kept on one line." />
      <TemplateField id="welcome-text" label="Plain text" kind="welcome" {...partProps("text")} multiline rows={8} maxLength={10_000} />
      <TemplateField
        id="welcome-html"
        label="HTML"
        kind="welcome"
        {...partProps("html")}
        multiline
        rows={8}
        mono
        maxLength={20_000}
        hint="Values are HTML-escaped. Inline styles only; images from other sites are not shown in the preview."
      />
      <PlaceholderButtons
        id="welcome-placeholders"
        placeholders={placeholders}
        target={WELCOME_LABELS[insertion.active]}
        onInsert={(tag) => insertion.insert(tag, WELCOME_LABELS[insertion.active])}
        said={insertion.said}
      />
    </TemplateCard>
  );
}
