/** The human-readable `crux eval` table: name, kind of value, and a one-line summary (shared by `crux export`). */
import type { CellSummary } from "@crux/engine";

export function formatNumber(x: number): string {
  if (x === null || Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "-∞";
  const magnitude = Math.abs(x);
  if (magnitude !== 0 && (magnitude >= 1e6 || magnitude < 1e-3)) return x.toExponential(2);
  // Four significant digits, and one decimal from 1,000 up: a date such as 2023.74 shows as 2023.7, not 2024.
  const digits = magnitude >= 1000 ? Math.floor(Math.log10(magnitude)) + 2 : 4;
  return Number(x.toPrecision(digits)).toString();
}

export function describeSummary(summary: CellSummary): string {
  switch (summary.type) {
    case "number":
      return formatNumber(summary.value);
    case "boolean":
    case "string":
      return String(summary.value);
    case "distribution": {
      const { p5, p50, p95 } = summary.percentiles;
      const mean = `mean ${formatNumber(summary.mean)} ± ${formatNumber(summary.stderr)}`;
      return `p5 ${formatNumber(p5)} · p50 ${formatNumber(p50)} · p95 ${formatNumber(p95)} · ${mean}`;
    }
    case "series": {
      const last = summary.t.length - 1;
      const end =
        "y" in summary
          ? formatNumber(summary.y[last] as number)
          : `p50 ${formatNumber(summary.p50[last] as number)}`;
      const blowup = summary.blowup
        ? ` · ${Math.round(summary.blowup.fraction * 100)}% blow up (median t = ${formatNumber(summary.blowup.p50)})`
        : "";
      return `t ${formatNumber(summary.t[0] as number)}..${formatNumber(summary.t[last] as number)}, at the end ${end}${blowup}`;
    }
    case "list":
      return `[${summary.value.map(describeSummary).join(", ")}]`;
    case "record":
      return `{ ${Object.entries(summary.value)
        .map(([key, value]) => `${key}: ${describeSummary(value)}`)
        .join(", ")} }`;
    case "function":
      return "a function";
    case "error":
      return `error${summary.line ? ` at ${summary.line}:${summary.column}` : ""}: ${summary.message}`;
  }
}

/**
 * Each upstream parameter's influence, strongest first: Spearman's rho and, when the value is finite, the first-order
 * variance share with its standard error, e.g. `r: rho 0.91, S1 0.80 ± 0.01`.
 */
export function describeSensitivity(summary: CellSummary): string | undefined {
  if (summary.type !== "distribution" || !summary.sensitivity) return undefined;
  const entries = Object.entries(summary.sensitivity).sort(([, a], [, b]) => Math.abs(b) - Math.abs(a));
  if (entries.length === 0) return undefined;
  return entries
    .map(([name, rho]) => {
      const share = summary.firstOrder?.[name];
      const s1 = share ? `, S1 ${share.index.toFixed(2)} ± ${share.stderr.toFixed(2)}` : "";
      return `${name}: rho ${rho.toFixed(2)}${s1}`;
    })
    .join("; ");
}

export function formatTable(
  rows: (readonly [string, CellSummary])[],
  options: { sensitivity?: boolean } = {},
): string {
  const nameWidth = Math.max(4, ...rows.map(([name]) => name.length));
  const kindWidth = Math.max(4, ...rows.map(([, summary]) => summary.type.length));
  const line = (a: string, b: string, c: string) => `${a.padEnd(nameWidth)}  ${b.padEnd(kindWidth)}  ${c}`;
  return [
    line("name", "kind", "summary"),
    ...rows.flatMap(([name, summary]) => {
      const sensitivity = options.sensitivity ? describeSensitivity(summary) : undefined;
      const main = line(name, summary.type, describeSummary(summary));
      return sensitivity ? [main, line("", "", `sensitivity: ${sensitivity}`)] : [main];
    }),
  ].join("\n");
}
