/**
 * `crux export FILE [--format markdown|csv] [--samples N] [--seed S] [--sensitivity] [--output PATH]`:
 * a notebook with its results, as a Markdown report (text cells, then each parameter and model cell's source and
 * summary, in the notebook's order) or as CSV (one row of summary statistics per parameter and model cell).
 */
import { writeFileSync } from "node:fs";
import { type CellSummary, evaluateNotebook } from "@crux/engine";
import { engineCellsFromFile, type IdentifiedCell, type IdentifiedNotebookFile } from "@crux/notebook";
import { toCsv } from "./csv";
import { describeSensitivity, describeSummary, formatNumber } from "./format-table";
import { BATCH_LIMITS, cellKey, loadNotebook, settingsOf, UsageError } from "./load";

export type ExportOptions = {
  samples?: string | undefined;
  seed?: string | undefined;
  format?: string | undefined;
  output?: string | undefined;
  sensitivity: boolean;
};

type Evaluated = {
  notebook: IdentifiedNotebookFile;
  settings: { samples: number; seed: number };
  summaries: Map<string, CellSummary>;
};

export function exportCommand(file: string, options: ExportOptions): string {
  const format = options.format ?? "markdown";
  if (format !== "markdown" && format !== "csv")
    throw new UsageError(`--format must be markdown or csv, got '${format}'`);
  const notebook = loadNotebook(file);
  const settings = settingsOf(notebook, options);
  const summaries = evaluateNotebook(engineCellsFromFile(notebook), settings, {
    sensitivity: options.sensitivity,
    limits: BATCH_LIMITS,
  });
  const evaluated = { notebook, settings, summaries };
  const text = format === "csv" ? csvReport(evaluated) : markdownReport(evaluated, options.sensitivity);
  if (!options.output) return text;
  writeFileSync(options.output, `${text}\n`);
  return `wrote ${options.output}`;
}

// ---- Markdown

function markdownReport({ notebook, settings, summaries }: Evaluated, sensitivity: boolean): string {
  const liveValue = (name: string) => {
    const cell = notebook.cells.find((candidate) => candidate.kind !== "text" && candidate.name === name);
    const summary = cell && summaries.get(cell.id);
    return summary ? inlineValue(summary) : undefined;
  };
  const header = [
    `# ${notebook.title}`,
    `_${settings.samples.toLocaleString("en")} samples, seed ${settings.seed}; exported by \`crux export\`._`,
  ];
  const sections = notebook.cells.map((cell) =>
    cell.kind === "text"
      ? withLiveValues(cell.text, liveValue)
      : codeCellSection(cell, summaries.get(cell.id), sensitivity),
  );
  return [...header, ...sections].join("\n\n");
}

/** `{{name}}` in a text cell becomes the named cell's value, as the app shows it inline; unknown names stay. */
function withLiveValues(text: string, liveValue: (name: string) => string | undefined): string {
  return text.replace(
    /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g,
    (whole, name: string) => liveValue(name) ?? whole,
  );
}

function codeCellSection(
  cell: Extract<IdentifiedCell, { kind: "parameter" | "model" }>,
  summary: CellSummary | undefined,
  sensitivity: boolean,
): string {
  const details = [
    cell.description,
    cell.unit && `unit: ${cell.unit}`,
    cell.source && `source: ${cell.source}`,
  ].filter(Boolean);
  const fence = "`".repeat(Math.max(3, longestBacktickRun(cell.expr) + 1));
  const influence = sensitivity && summary ? describeSensitivity(summary) : undefined;
  return [
    `### \`${cellKey(cell)}\` (${cell.kind})`,
    ...(details.length ? [details.join(" · ")] : []),
    `${fence}crux\n${cell.expr}\n${fence}`,
    `**Result:** ${summary ? describeSummary(summary) : "not evaluated"}`,
    ...(influence ? [`**Sensitivity:** ${influence}`] : []),
  ].join("\n\n");
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/** A short value for prose: a number, a probability as a percentage, or a distribution's median and 90% range. */
function inlineValue(summary: CellSummary): string {
  switch (summary.type) {
    case "number":
      return formatNumber(summary.value);
    case "distribution":
      if (summary.probability !== undefined) return `${formatNumber(summary.probability * 100)}%`;
      return `${formatNumber(summary.percentiles.p50)} (${formatNumber(summary.percentiles.p5)} to ${formatNumber(summary.percentiles.p95)})`;
    default:
      return describeSummary(summary);
  }
}

// ---- CSV

const CSV_COLUMNS = [
  "name",
  "kind",
  "unit",
  "type",
  "value",
  "mean",
  "stdev",
  "stderr",
  "min",
  "p5",
  "p25",
  "p50",
  "p75",
  "p95",
  "max",
  "probability",
  "blowup_fraction",
  "blowup_p50",
  "error",
  "expr",
] as const;

type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | boolean>>;

function csvReport({ notebook, summaries }: Evaluated): string {
  const rows = notebook.cells.flatMap((cell): CsvRow[] => {
    if (cell.kind === "text") return [];
    const summary = summaries.get(cell.id);
    const base: CsvRow = { name: cellKey(cell), kind: cell.kind, unit: cell.unit ?? "", expr: cell.expr };
    return [{ ...base, ...(summary ? csvFields(summary) : {}) }];
  });
  return toCsv(
    [...CSV_COLUMNS],
    rows.map((row) => CSV_COLUMNS.map((column) => row[column] ?? "")),
  );
}

/** A summary's statistics; a series is described by its last point (where the simulation ended) and its blow-ups. */
function csvFields(summary: CellSummary): CsvRow {
  switch (summary.type) {
    case "number":
    case "boolean":
    case "string":
      return { type: summary.type, value: summary.value };
    case "distribution": {
      const { mean, stdev, stderr, min, max, percentiles, probability } = summary;
      return {
        type: "distribution",
        mean,
        stdev,
        stderr,
        min,
        max,
        ...percentiles,
        probability: probability ?? "",
      };
    }
    case "series": {
      const blowup = summary.blowup
        ? { blowup_fraction: summary.blowup.fraction, blowup_p50: summary.blowup.p50 }
        : {};
      const end =
        "y" in summary
          ? { value: summary.y.at(-1) ?? "" }
          : {
              mean: summary.mean.at(-1) ?? "",
              p5: summary.p5.at(-1) ?? "",
              p50: summary.p50.at(-1) ?? "",
              p95: summary.p95.at(-1) ?? "",
            };
      return { type: "series", ...end, ...blowup };
    }
    case "error":
      return { type: "error", error: summary.message };
    default:
      return { type: summary.type, value: describeSummary(summary) };
  }
}
