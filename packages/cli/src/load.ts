/** What every `crux` command shares: reading a notebook file, and the sample and seed options. */
import { readFileSync } from "node:fs";
import { DEFAULT_LIMITS, type EngineSettings } from "@crux/engine";
import { type IdentifiedNotebookFile, MAX_SAMPLES, parseNotebookText } from "@crux/notebook";

/** A problem with the command line or its file: printed as one line on stderr, exit status 1. */
export class UsageError extends Error {}

/**
 * A batch run may take longer per cell than a page should (a busy machine can slow a growth simulation several
 * times over); a minute still ends a runaway cell.
 */
export const BATCH_LIMITS = { ...DEFAULT_LIMITS, cellTimeBudgetMs: 60_000 };

export const SEED_RANGE = [-(2 ** 53) + 1, 2 ** 53 - 1] as const;

export function integerOption(
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

export function loadNotebook(file: string): IdentifiedNotebookFile {
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
  return parsed.notebook;
}

/** The file's settings, with `--samples` and `--seed` overriding them. */
export function settingsOf(
  notebook: IdentifiedNotebookFile,
  values: { samples?: string | undefined; seed?: string | undefined },
): EngineSettings {
  return {
    samples: integerOption(values.samples, "samples", 1, MAX_SAMPLES) ?? notebook.settings.samples,
    seed: integerOption(values.seed, "seed", ...SEED_RANGE) ?? notebook.settings.seed,
  };
}

/** The key a cell is shown under: its name, or its id when it has none (NOTEBOOK-FORMAT.md). */
export function cellKey(cell: { id: string; name?: string | undefined }): string {
  return cell.name ?? cell.id;
}
