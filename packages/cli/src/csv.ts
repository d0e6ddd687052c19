/** RFC 4180 CSV: fields holding a comma, quote or line break are quoted, quotes doubled; CRLF between records. */
export function toCsv(header: string[], rows: (string | number | boolean)[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n");
}

function csvField(value: string | number | boolean): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
