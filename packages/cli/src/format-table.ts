/** The human-readable `crux eval` table: name, kind of value, and a one-line summary. */
import type { CellSummary } from "@crux/engine";

export function formatNumber(x: number): string {
  if (x === null || Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "-∞";
  const magnitude = Math.abs(x);
  if (magnitude !== 0 && (magnitude >= 1e6 || magnitude < 1e-3)) return x.toExponential(2);
  return Number(x.toPrecision(4)).toString();
}

function describe(summary: CellSummary): string {
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
      return `[${summary.value.map(describe).join(", ")}]`;
    case "record":
      return `{ ${Object.entries(summary.value)
        .map(([key, value]) => `${key}: ${describe(value)}`)
        .join(", ")} }`;
    case "function":
      return "a function";
    case "error":
      return `error${summary.line ? ` at ${summary.line}:${summary.column}` : ""}: ${summary.message}`;
  }
}

export function formatTable(rows: [string, CellSummary][]): string {
  const nameWidth = Math.max(4, ...rows.map(([name]) => name.length));
  const kindWidth = Math.max(4, ...rows.map(([, summary]) => summary.type.length));
  const line = (a: string, b: string, c: string) => `${a.padEnd(nameWidth)}  ${b.padEnd(kindWidth)}  ${c}`;
  return [
    line("name", "kind", "summary"),
    ...rows.map(([name, summary]) => line(name, summary.type, describe(summary))),
  ].join("\n");
}
