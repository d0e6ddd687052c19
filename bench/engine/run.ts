/**
 * The engine benchmark (`npm run bench:engine`, `--json` for one JSON object on stdout). Measured in one run:
 * the chain model by Crux, by Squiggle 0.10 (in a worker, time-capped) and by a hand-written Float64Array loop at
 * 10k, 100k and 1M samples; the seed notebooks in prisma/templates; re-evaluation after one parameter edit in a
 * 50-cell notebook; peak memory at 1M samples x 50 cells. Times are medians of repeated runs after a warm-up.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { type CellSummary, EngineSession, evaluateNotebook } from "@crux/engine";
import { engineCellsFromFile, parseNotebookText } from "@crux/notebook";
import { z } from "zod";
import { chainCells, type ModelCell } from "./chain-model";
import { runHandLoop } from "./hand-loop";
import { toSquiggleProgram } from "./squiggle-program";
import { SquiggleRunner } from "./squiggle-runner";
import { elapsedMs, median, medianTime } from "./timing";

const ROOT = new URL("../../", import.meta.url);
const CHAIN_LENGTH = 20;
const SAMPLE_SIZES = [10_000, 100_000, 1_000_000];
const SQUIGGLE_CAP_MS = 120_000;
const EDIT_SAMPLES = 100_000;
/** What the app's editor previews while the user types (its scheduler's maximum). */
const PREVIEW_SAMPLES = 1000;
const MEMORY_SAMPLES = 1_000_000;
const NOTEBOOK_CHAIN = 25; // 25 parameters + 25 models = 50 cells
const SEED = 1;

const asJson = process.argv.includes("--json");
const log = (line: string) => {
  if (!asJson) console.error(line);
};

/** Fewer repetitions where one run takes seconds; earlier sizes already warmed the JIT. */
const repetitions = (samples: number) => (samples >= 1_000_000 ? 1 : samples >= 100_000 ? 3 : 5);

function lastMean(summaries: Map<string, CellSummary>, id: string): number {
  const summary = summaries.get(id);
  return summary?.type === "distribution" ? summary.mean : Number.NaN;
}

async function benchmarkChain(squiggle: SquiggleRunner) {
  const cells = chainCells(CHAIN_LENGTH);
  const program = toSquiggleProgram(cells);
  const lastId = `m${CHAIN_LENGTH}`;
  await squiggle.run(program, 1000, String(SEED), SQUIGGLE_CAP_MS); // warm-up
  const rows = [];
  for (const samples of SAMPLE_SIZES) {
    log(`chain model at ${samples.toLocaleString("en")} samples...`);
    const runs = repetitions(samples);
    const settings = { samples, seed: SEED };
    const cruxMs = medianTime(() => evaluateNotebook(cells, settings), runs, samples >= 1_000_000 ? 0 : 1);
    const handMs = medianTime(() => runHandLoop(CHAIN_LENGTH, samples, SEED), runs);
    const timings = [];
    for (let i = 0; i < Math.min(runs, 3); i++) {
      const timing = await squiggle.run(program, samples, String(SEED), SQUIGGLE_CAP_MS);
      timings.push(timing);
      if (!timing.ok) break;
    }
    const failure = timings.find((t) => !t.ok);
    const squiggleMs = failure ? null : median(timings.map((t) => t.ms));
    rows.push({
      samples,
      cruxMs,
      handMs,
      squiggleMs,
      squiggleNote: failure && !failure.ok ? `${failure.error} (cap ${SQUIGGLE_CAP_MS / 1000} s)` : undefined,
      squiggleOverCrux: squiggleMs === null ? null : squiggleMs / cruxMs,
      cruxOverHand: cruxMs / handMs,
      squiggleMean: timings[0]?.ok ? timings[0].mean : null,
    });
  }
  // The three implementations must compute the same model: their means of the last model at 100k samples.
  const lastModelMeanAt100k = {
    crux: lastMean(evaluateNotebook(cells, { samples: 100_000, seed: SEED }), lastId),
    squiggle: rows.find((row) => row.samples === 100_000)?.squiggleMean ?? null,
    hand: runHandLoop(CHAIN_LENGTH, 100_000, SEED),
  };
  return { parameters: CHAIN_LENGTH, models: CHAIN_LENGTH, rows, lastModelMeanAt100k };
}

async function benchmarkSeeds(squiggle: SquiggleRunner) {
  const folder = new URL("prisma/templates/", ROOT);
  const files = readdirSafe(folder).filter((file) => file.endsWith(".crux.json"));
  const results = [];
  for (const file of files) {
    log(`seed notebook ${file}...`);
    const parsed = parseNotebookText(readFileSync(new URL(file, folder), "utf8"));
    if (!parsed.ok) {
      results.push({ file, error: parsed.error });
      continue;
    }
    const cells = engineCellsFromFile(parsed.notebook);
    const settings = { samples: EDIT_SAMPLES, seed: SEED };
    const errors = [...evaluateNotebook(cells, settings).values()].filter((s) => s.type === "error").length;
    const cruxMs = medianTime(() => evaluateNotebook(cells, settings), 3);
    const timing = await squiggle.run(toSquiggleProgram(cells), EDIT_SAMPLES, String(SEED), SQUIGGLE_CAP_MS);
    results.push({
      file,
      cells: cells.length,
      cruxErrors: errors,
      samples: EDIT_SAMPLES,
      cruxMs,
      squiggleMs: timing.ok ? timing.ms : null,
      squiggleNote: timing.ok ? undefined : firstLine(timing.error),
    });
  }
  return results;
}

function readdirSafe(folder: URL): string[] {
  try {
    return readdirSync(folder).sort();
  } catch {
    return [];
  }
}

const firstLine = (text: string) => text.split("\n")[0]?.slice(0, 120) ?? "";

/**
 * One parameter edited in a 50-cell notebook, as the editor sees it: `preview(PREVIEW_SAMPLES)` (the quick answer
 * shown while typing) and then the full `evaluate()`, each timed. Measured on a plain session and on one with
 * sensitivity, which the app's worker always asks for.
 */
function benchmarkEdit() {
  log(`one parameter edit in a 50-cell notebook at ${EDIT_SAMPLES.toLocaleString("en")} samples...`);
  const cells = chainCells(NOTEBOOK_CHAIN);
  const plain = loadedSession(cells, false);
  const editor = loadedSession(cells, true);
  // A leaf edit re-evaluates 2 cells, the middle one about half the chain, the root every model.
  const edits = [NOTEBOOK_CHAIN, Math.ceil(NOTEBOOK_CHAIN / 2), 1].map((k) => {
    const cell = cells.find((c) => c.id === `p${k}`) as ModelCell;
    return {
      parameter: cell.id,
      plain: timeEdits(plain.session, cell),
      editor: timeEdits(editor.session, cell),
    };
  });
  return {
    samples: EDIT_SAMPLES,
    previewSamples: PREVIEW_SAMPLES,
    cells: cells.length,
    initialMs: plain.ms,
    initialWithSensitivityMs: editor.ms,
    edits,
  };
}

function loadedSession(cells: ModelCell[], sensitivity: boolean) {
  const session = new EngineSession({ samples: EDIT_SAMPLES, seed: SEED }, { sensitivity });
  for (const cell of cells) session.setCell(cell);
  return { session, ms: elapsedMs(() => session.evaluate()) };
}

/** Median times of preview and full re-evaluation over 5 edits of `cell`, after one warm-up edit. */
function timeEdits(session: EngineSession, cell: ModelCell) {
  let variant = 0;
  const edit = () => {
    variant += 1;
    session.setCell({ ...cell, source: `lognormal(${variant % 2 ? 0.05 : 0}, 0.25)` });
    const previewMs = elapsedMs(() => session.preview(PREVIEW_SAMPLES));
    let cellsReevaluated = 0;
    const ms = elapsedMs(() => {
      cellsReevaluated = session.evaluate().summaries.size;
    });
    return { cellsReevaluated, previewMs, ms };
  };
  edit();
  const runs = Array.from({ length: 5 }, edit);
  return {
    cellsReevaluated: runs[0]?.cellsReevaluated ?? 0,
    previewMs: median(runs.map((run) => run.previewMs)),
    ms: median(runs.map((run) => run.ms)),
  };
}

const probeSchema = z.object({
  samples: z.number(),
  cells: z.number(),
  ms: z.number(),
  errors: z.number(),
  baselineMb: z.number(),
  peakMb: z.number(),
});

function benchmarkMemory() {
  log(`peak memory at ${MEMORY_SAMPLES.toLocaleString("en")} samples x 50 cells (fresh process)...`);
  const probe = new URL("./memory-probe.ts", import.meta.url).pathname;
  const output = execFileSync(
    process.execPath,
    ["--import", "tsx", probe, String(MEMORY_SAMPLES), String(NOTEBOOK_CHAIN)],
    {
      cwd: ROOT.pathname,
      encoding: "utf8",
    },
  );
  return probeSchema.parse(JSON.parse(output));
}

type Chain = Awaited<ReturnType<typeof benchmarkChain>>;
type Edit = ReturnType<typeof benchmarkEdit>;
type Memory = ReturnType<typeof benchmarkMemory>;

function targets(chain: Chain, edit: Edit, memory: Memory) {
  const at100k = chain.rows.find((row) => row.samples === 100_000);
  const worstEdit = Math.max(...edit.edits.map((e) => e.plain.ms));
  return [
    {
      target: "Crux >= 20x faster than Squiggle at 100k",
      measured: at100k?.squiggleOverCrux ?? null,
      met: (at100k?.squiggleOverCrux ?? 0) >= 20,
    },
    {
      target: "Crux within 3x of the hand loop at 100k",
      measured: at100k?.cruxOverHand ?? null,
      met: (at100k?.cruxOverHand ?? Infinity) <= 3,
    },
    {
      target: "edit re-evaluation < 50 ms (worst edit, 50 cells, 100k)",
      measured: worstEdit,
      met: worstEdit < 50,
    },

    {
      target: "1M samples x 50 cells within 1 GB peak RSS",
      measured: memory.peakMb,
      met: memory.peakMb <= 1024 && memory.errors === 0,
    },
  ];
}

const fmt = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined ? "-" : x.toFixed(digits);

function printTables(report: Awaited<ReturnType<typeof measure>>) {
  const { chain, seeds, edit, memory } = report;
  console.log(`\nMachine: ${report.machine.cpu} x${report.machine.cpus}, Node ${report.machine.node}`);
  console.log(
    `\nChain model (${chain.parameters} lognormal parameters, ${chain.models} model cells), median ms:`,
  );
  console.table(
    chain.rows.map((r) => ({
      samples: r.samples,
      crux: fmt(r.cruxMs),
      squiggle: r.squiggleMs === null ? (r.squiggleNote ?? "-") : fmt(r.squiggleMs),
      "hand loop": fmt(r.handMs),
      "squiggle / crux": fmt(r.squiggleOverCrux, 2),
      "crux / hand": fmt(r.cruxOverHand, 2),
    })),
  );
  const means = chain.lastModelMeanAt100k;
  console.log(
    `Mean of the last model at 100k samples: Crux ${fmt(means.crux, 4)}, Squiggle ${fmt(means.squiggle, 4)}, hand loop ${fmt(means.hand, 4)}`,
  );
  console.log(`\nSeed notebooks (prisma/templates) at ${EDIT_SAMPLES.toLocaleString("en")} samples, ms:`);
  if (seeds.length === 0) console.log("  (none found)");
  else console.table(seeds);
  console.log(
    `\nEdit in a ${edit.cells}-cell notebook at ${edit.samples.toLocaleString("en")} samples, median ms (first evaluation ${fmt(edit.initialMs)} ms, with sensitivity ${fmt(edit.initialWithSensitivityMs)} ms):`,
  );
  console.table(
    edit.edits.map((e) => ({
      parameter: e.parameter,
      "cells re-evaluated": e.plain.cellsReevaluated,
      full: fmt(e.plain.ms),
      [`preview(${edit.previewSamples})`]: fmt(e.plain.previewMs),
      "full, sensitivity": fmt(e.editor.ms),
      [`preview(${edit.previewSamples}), sensitivity`]: fmt(e.editor.previewMs),
    })),
  );
  const worstPreview = Math.max(...edit.edits.map((e) => e.editor.previewMs));
  console.log(
    `While typing the editor shows preview(${edit.previewSamples}): at worst ${fmt(worstPreview)} ms after an edit (with sensitivity, as the app runs it)`,
  );
  console.log(
    `\nMemory: ${memory.samples.toLocaleString("en")} samples x ${memory.cells} cells: peak RSS ${fmt(memory.peakMb)} MB (process baseline ${fmt(memory.baselineMb)} MB), evaluation ${fmt(memory.ms, 0)} ms, ${memory.errors} cell errors`,
  );
  console.log("\nTargets:");
  for (const t of report.targets)
    console.log(`  [${t.met ? "met" : "NOT MET"}] ${t.target}: measured ${fmt(t.measured, 2)}`);
}

async function measure() {
  const squiggle = new SquiggleRunner();
  try {
    const chain = await benchmarkChain(squiggle);
    const seeds = await benchmarkSeeds(squiggle);
    const edit = benchmarkEdit();
    const memory = benchmarkMemory();
    const machine = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? "unknown" };
    return { machine, chain, seeds, edit, memory, targets: targets(chain, edit, memory) };
  } finally {
    await squiggle.close();
  }
}

const report = await measure();
if (asJson) console.log(JSON.stringify(report));
else printTables(report);
