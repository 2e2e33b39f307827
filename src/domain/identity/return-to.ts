/**
 * Where to send someone after signing in: a same-origin path only. Anything else (another origin,
 * a protocol-relative `//host`, a backslash trick, control characters) falls back to "/".
 */
export function safeReturnTo(value: string | undefined | null): string {
  if (!value) return "/";
  if (value.length > 2048) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  const parsed = new URL(value, "http://gatehouse.invalid");
  if (parsed.origin !== "http://gatehouse.invalid") return "/";
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
