/**
 * The `crux` command (NOTEBOOK-FORMAT.md):
 *   crux eval FILE [--samples N] [--seed S] [--sensitivity] [--json]
 * Exit 0 when the notebook was evaluated (even with error cells); 1 with a one-line reason on stderr otherwise.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_LIMITS, evaluateNotebook } from "@crux/engine";
import { engineCellsFromFile, MAX_SAMPLES, parseNotebookText } from "@crux/notebook";
import { toContract } from "./contract";
import { formatTable } from "./format-table";

const USAGE = `usage: crux eval FILE [--samples N] [--seed S] [--sensitivity] [--json]

Evaluates every parameter and model cell of a crux.notebook/1 file.
  --samples N     Monte Carlo samples (1..${MAX_SAMPLES}), overriding the file's settings
  --seed S        random seed (an integer), overriding the file's settings
  --sensitivity   add each distribution's rank correlation with the parameters it depends on
  --json          print one JSON object instead of a table`;

class UsageError extends Error {}

/**
 * A batch run may take longer per cell than a page should (a busy machine can slow a growth simulation several
 * times over); a minute still ends a runaway cell.
 */
const BATCH_LIMITS = { ...DEFAULT_LIMITS, cellTimeBudgetMs: 60_000 };

function integerOption(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got '${value}'`);
  return parsed;
}

export function run(argv: string[]): { stdout: string; exitCode: number } {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      samples: { type: "string" },
      seed: { type: "string" },
      sensitivity: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, file, ...extra] = positionals;
  if (values.help) return { stdout: USAGE, exitCode: 0 };
  if (command !== "eval" || !file || extra.length) throw new UsageError(USAGE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const parsed = parseNotebookText(text);
  if (!parsed.ok) throw new UsageError(`${file} is not a valid crux.notebook/1 document: ${parsed.error}`);
  const notebook = parsed.notebook;
  const settings = {
    samples: integerOption(values.samples, "samples", 1, MAX_SAMPLES) ?? notebook.settings.samples,
    seed: integerOption(values.seed, "seed", -(2 ** 53) + 1, 2 ** 53 - 1) ?? notebook.settings.seed,
  };
  const cells = engineCellsFromFile(notebook);
  const summaries = evaluateNotebook(cells, settings, {
    sensitivity: values.sensitivity,
    limits: BATCH_LIMITS,
  });
  const rows = cells.map((cell) => [cell.name ?? cell.id, summaries.get(cell.id)] as const);
  if (values.json) {
    const output = {
      ...settings,
      cells: Object.fromEntries(rows.map(([key, summary]) => [key, summary && toContract(summary)])),
    };
    return { stdout: JSON.stringify(output), exitCode: 0 };
  }
  return {
    stdout: formatTable(rows.flatMap(([key, summary]) => (summary ? [[key, summary]] : []))),
    exitCode: 0,
  };
}

export function main(argv: string[]): number {
  try {
    const { stdout, exitCode } = run(argv);
    process.stdout.write(`${stdout}\n`);
    return exitCode;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`crux: ${message}\n`);
    return 1;
  }
}
