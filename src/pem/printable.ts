/**
 * Text from a broken certificate, quoted for an alert or a log line: printable ASCII as is,
 * anything else (control bytes, stray Unicode) as an escape, so the message stays readable.
 */
export function quoted(text: string): string {
  const escaped = [...text].map((c) => (c >= " " && c <= "~" && c !== '"' && c !== "\\" ? c : escape(c))).join("");
  return `"${escaped}"`;
}

function escape(c: string): string {
  if (c === '"' || c === "\\") return `\\${c}`;
  const code = c.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
}
