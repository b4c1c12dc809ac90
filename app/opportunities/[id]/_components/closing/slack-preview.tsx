// The #wins post as Slack would show it: Block Kit sections as paragraphs, context lines small and
// muted, Slack's mrkdwn (*bold*, _italic_, ~strike~, <url|label>) drawn, its escapes (&amp; &lt; &gt;)
// read back. Only text is drawn: nothing of the message becomes markup.
import type { ReactNode } from "react";

const EMOJI: Record<string, string> = { trophy: "🏆", tada: "🎉", rocket: "🚀", star: "⭐", white_check_mark: "✅", handshake: "🤝" };

const unescapeSlack = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** One line of mrkdwn as React nodes. */
function inline(line: string): ReactNode[] {
  const out: ReactNode[] = [];
  const pattern = /\*([^*\n]+)\*|_([^_\n]+)_|~([^~\n]+)~|<([^|>\s]+)(?:\|([^>]+))?>|:([a-z0-9_+-]+):/g;
  let last = 0;
  let key = 0;
  for (const m of line.matchAll(pattern)) {
    if (m.index > last) out.push(unescapeSlack(line.slice(last, m.index)));
    const [whole, bold, italic, strike, url, label, emoji] = m;
    if (bold !== undefined) out.push(<strong key={key++}>{unescapeSlack(bold)}</strong>);
    else if (italic !== undefined) out.push(<em key={key++}>{unescapeSlack(italic)}</em>);
    else if (strike !== undefined) out.push(<s key={key++}>{unescapeSlack(strike)}</s>);
    else if (url !== undefined)
      out.push(
        <span key={key++} className="text-accent underline">
          {unescapeSlack(label ?? url)}
        </span>,
      );
    else
      out.push(
        emoji !== undefined && EMOJI[emoji] ? (
          <span key={key++} role="img" aria-label={emoji.replace(/_/g, " ")}>
            {EMOJI[emoji]}
          </span>
        ) : (
          whole
        ),
      );
    last = m.index + whole.length;
  }
  if (last < line.length) out.push(unescapeSlack(line.slice(last)));
  return out;
}

function Mrkdwn({ text }: { text: string }) {
  return (
    <>
      {text.split("\n").map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one fixed text
        <span key={i} className="block min-h-[1lh]">
          {inline(line)}
        </span>
      ))}
    </>
  );
}

type Block = { type?: string; text?: { text?: string }; elements?: { text?: string }[] };

export function SlackPreview({ text, blocks }: { text: string; blocks: unknown[] }) {
  const drawn = (blocks as Block[]).filter((b) => b.type === "section" || b.type === "context");
  return (
    <div className="rounded-lg border border-line bg-canvas p-4">
      <p className="mb-2 text-[13px] font-semibold text-ink">
        Stageline <span className="ml-1 rounded bg-zinc-200 px-1 py-px text-[10px] font-semibold text-zinc-700 uppercase">App</span>
      </p>
      <div className="space-y-2 text-sm leading-relaxed text-ink">
        {drawn.length === 0 ? (
          <Mrkdwn text={text} />
        ) : (
          drawn.map((b, i) =>
            b.type === "section" ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: the blocks of one fixed message
              <p key={i}>
                <Mrkdwn text={b.text?.text ?? ""} />
              </p>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: the blocks of one fixed message
              <p key={i} className="text-[13px] text-ink-muted">
                {(b.elements ?? []).map((e, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the elements of one block
                  <Mrkdwn key={j} text={e.text ?? ""} />
                ))}
              </p>
            ),
          )
        )}
      </div>
    </div>
  );
}
