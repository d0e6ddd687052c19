/**
 * `crux bench FILE [--samples 1000,10000] [--repeat 3] [--seed S] [--json]`: how long a notebook takes to evaluate
 * from scratch at each sample count (wall and CPU time, median of the repeats after one untimed warm-up run), and
 * how long each cell takes, so a slow cell can be found.
 */
import { EngineSession, type EngineSettings } from "@crux/engine";
import { type EngineCell, engineCellsFromFile, MAX_SAMPLES } from "@crux/notebook";
import { formatNumber } from "./format-table";
import { BATCH_LIMITS, cellKey, integerOption, loadNotebook, SEED_RANGE, UsageError } from "./load";

export type BenchOptions = {
  samples?: string | undefined;
  repeat?: string | undefined;
  seed?: string | undefined;
  json: boolean;
};

type Timing = { wallMs: number; cpuMs: number; cellMs: Map<string, number> };

export type BenchRun = {
  samples: number;
  wallMs: { median: number; min: number; max: number };
  cpuMs: number;
  /** Median milliseconds per cell; the rest of the wall time is summarising (percentiles, histograms). */
  cells: Record<string, number>;
};

export function benchCommand(file: string, options: BenchOptions): string {
  const notebook = loadNotebook(file);
  const cells = engineCellsFromFile(notebook);
  const sampleCounts = sampleCountsOf(options.samples);
  const repeat = integerOption(options.repeat, "repeat", 1, 100) ?? 3;
  const seed = integerOption(options.seed, "seed", ...SEED_RANGE) ?? notebook.settings.seed;
  timeOnce(cells, { samples: sampleCounts[0] as number, seed });
  const runs = sampleCounts.map((samples): BenchRun => {
    const timings = Array.from({ length: repeat }, () => timeOnce(cells, { samples, seed }));
    const wall = timings.map((timing) => timing.wallMs);
    return {
      samples,
      wallMs: { median: median(wall), min: Math.min(...wall), max: Math.max(...wall) },
      cpuMs: median(timings.map((timing) => timing.cpuMs)),
      cells: Object.fromEntries(
        cells.map((cell) => [
          cellKey(cell),
          median(timings.map((timing) => timing.cellMs.get(cell.id) ?? 0)),
        ]),
      ),
    };
  });
  if (options.json) return JSON.stringify({ file, seed, repeat, runs });
  return formatBench(file, repeat, seed, cells, runs);
}

function sampleCountsOf(option: string | undefined): number[] {
  const counts = (option ?? "1000,10000")
    .split(",")
    .map((part) => integerOption(part.trim(), "samples", 1, MAX_SAMPLES) as number);
  if (counts.length === 0) throw new UsageError("--samples needs at least one sample count");
  return counts;
}

function timeOnce(cells: EngineCell[], settings: EngineSettings): Timing {
  const session = new EngineSession(settings, { limits: BATCH_LIMITS });
  for (const cell of cells) session.setCell(cell);
  const [wallStart, cpuStart] = [performance.now(), process.cpuUsage()];
  const { cellMs } = session.evaluate();
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs: performance.now() - wallStart, cpuMs: (cpu.user + cpu.system) / 1000, cellMs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function formatBench(
  file: string,
  repeat: number,
  seed: number,
  cells: EngineCell[],
  runs: BenchRun[],
): string {
  const ms = (value: number) => formatNumber(Math.round(value * 10) / 10);
  const table = (rows: string[][]) => {
    const widths = (rows[0] as string[]).map((_, column) =>
      Math.max(...rows.map((row) => (row[column] ?? "").length)),
    );
    return rows.map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] as number))
        .join("  ")
        .trimEnd(),
    );
  };
  const totals = table([
    ["samples", "wall ms (median)", "min..max", "cpu ms", "slowest cell"],
    ...runs.map((run) => {
      const [slowest, slowestMs] = Object.entries(run.cells).sort(([, a], [, b]) => b - a)[0] ?? ["", 0];
      return [
        run.samples.toLocaleString("en"),
        ms(run.wallMs.median),
        `${ms(run.wallMs.min)}..${ms(run.wallMs.max)}`,
        ms(run.cpuMs),
        slowest ? `${slowest} (${ms(slowestMs)} ms)` : "",
      ];
    }),
  ]);
  const perCell = table([
    ["cell", ...runs.map((run) => `${run.samples.toLocaleString("en")} samples, ms`)],
    ...cells.map((cell) => [cellKey(cell), ...runs.map((run) => ms(run.cells[cellKey(cell)] ?? 0))]),
  ]);
  return [
    `${file}: ${cells.length} cells, seed ${seed}, median of ${repeat} run(s) after a warm-up`,
    "",
    ...totals,
    "",
    ...perCell,
  ].join("\n");
}
