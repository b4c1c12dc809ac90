// Runs in the browser before the app's own modules and hydration, to fit the libraries to the page's
// Content-Security-Policy (docs/security.md, "Headers and framing").
import { config } from "zod";

// Zod compiles object schemas with `new Function` when it may, and first tries whether it may: the
// policy refuses eval, and Chromium reports the refused try as a violation. Schemas the pages import
// parse as well without it.
config({ jitless: true });

// A library that adds a <style> element at run time (the dialogs' scroll lock) gives it the nonce it
// finds in __webpack_nonce__: the policy admits only styles carrying this response's nonce. The
// browser hides the nonce attribute from the markup, but a script element still knows its own.
const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
if (nonce) (globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = nonce;
