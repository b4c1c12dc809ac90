/**
 * Where to go after signing in: only a path on this site. "//evil.test" and "/\evil.test" are
 * read by browsers as other hosts, so they fall back to the home page like any other URL.
 */
export function safeCallbackUrl(raw: string | string[] | undefined | null): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\u0000-\u001f]/.test(value) || value.length > 2000) return "/";
  if (value === "/signin" || value.startsWith("/signin?") || value.startsWith("/api/auth")) return "/";
  return value;
}
