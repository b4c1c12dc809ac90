// Rules for text people type that others will read: names, and links given as evidence.

/**
 * The explicit bidirectional formatting characters: embeddings and overrides (U+202A–U+202E) and
 * isolates (U+2066–U+2069). An override reverses the letters after it until its pop, so a name
 * holding one can read as something else ("Acme\u202Efdp.exe" shows as "Acmeexe.pdf"), and an
 * unclosed one spills into the text beside it. The marks U+200E, U+200F and U+061C are kept: they
 * reorder nothing, they only settle the direction of the punctuation next to them, and writers of
 * right-to-left names use them.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * A name without bidirectional formatting characters. Removed rather than refused: they are
 * invisible, arrive in pasted text and CRM records, and a refusal would name a character nobody
 * can see or delete; without them the name reads as its letters are.
 */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, "");
}

/** Schemes a link may have: anything else (javascript:, data:, vbscript:, file:…) runs or reads something. */
const WEB_SCHEMES = new Set(["http:", "https:"]);

/**
 * The link as a browser would follow it, when it is a web address (http or https, with a host); null
 * otherwise. The URL parser lower-cases the scheme and drops the tabs, line breaks and surrounding
 * spaces a browser ignores, so " JaVa\tScRiPt:…" is judged by the scheme it would run.
 */
export function webUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  return WEB_SCHEMES.has(url.protocol) && url.hostname !== "" ? url.href : null;
}

// Text PostgreSQL cannot store faithfully: a NUL character is refused by the database, and a lone
// UTF-16 surrogate (JSON allows "\ud800") is silently turned into U+FFFD in a text column by either
// driver, and refused in a JSON column.
const LONE_SURROGATE = /\p{Cs}/u; // in a `u` regex only an unpaired surrogate is a Cs code point

/** Why `text` cannot be stored as it is, or null when it can. */
export function unstorableReason(text: string): string | null {
  if (text.includes("\u0000")) return "contains a NUL character";
  if (LONE_SURROGATE.test(text)) return "contains a lone UTF-16 surrogate (not valid Unicode)";
  return null;
}
