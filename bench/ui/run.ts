/**
 * `npm run bench:ui`: the notebook page in Chromium against the production build (`next start`) and the sync
 * server, started by the e2e suite's own start-up code (`test/e2e/servers.ts`).
 *
 *   npm run bench:ui                 a table on stdout, progress on stderr
 *   npm run -s bench:ui -- --json    exactly one JSON object on stdout
 *
 * Build first (`npx turbo run build`). Uses DATABASE_URL's PostgreSQL server (a fresh database, dropped afterwards)
 * or an embedded PostgreSQL. Measures, for the largest seed notebook and for the baseline notebook, in one run:
 * navigation to all outputs rendered, keystroke in a parameter to its updated output, main-thread long tasks while
 * typing. See bench/README.md, section UI.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { notebookFileSchema } from "@crux/notebook";
import type { Browser } from "playwright-core";
import { launchChromium, newPage, signUp } from "../../test/e2e/browser";
import { freePort, startStack } from "../../test/e2e/servers";
import { median } from "../engine/timing";
import { startDatabase } from "../sync/processes";
import { measureNotebook, type NotebookFigures, type Subject } from "./scenario";

const root = path.resolve(import.meta.dirname, "../..");
const SAMPLES = 10_000;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: "boolean", default: false } } });
  const subjects = [largestSeed(), baselineNotebook()];
  const database = await startDatabase(process.env.DATABASE_URL, await freePort());
  const figures: NotebookFigures[] = [];
  try {
    const stack = await startStack(database.url);
    const browser = await launchChromium();
    try {
      for (const subject of subjects) figures.push(await measureOne(browser, stack.baseUrl, subject));
    } finally {
      await browser.close();
      await stack.stop();
    }
  } finally {
    await database.stop();
  }
  if (values.json) console.log(JSON.stringify(jsonOf(figures)));
  else printTable(figures);
}

async function measureOne(browser: Browser, baseUrl: string, subject: Subject): Promise<NotebookFigures> {
  progress(`${subject.label}: ${subject.file.cells.length} cells, typing in ${subject.parameter}`);
  const page = await newPage(browser, baseUrl);
  await signUp(page, "Bencher");
  return measureNotebook(page, subject, progress);
}

/** The seed notebook with the most cells (what a user opening a big notebook waits for), at 10k samples. */
function largestSeed(): Subject {
  const dir = path.join(root, "prisma/templates");
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".crux.json"))
    .map((name) => ({ name, file: readNotebook(path.join(dir, name)) }));
  const largest = files.reduce((a, b) => (b.file.cells.length > a.file.cells.length ? b : a));
  return subjectOf(`largest seed (${largest.name})`, largest.file);
}

/**
 * The baseline: the e2e suite's three-cell notebook (a text, a parameter, a model reading it) at the same sample
 * count, through the same page, servers and measurements. What it costs is the page itself (sign-in, scripts, the
 * sync round trip, the worker's start, one chart); what the seed costs beyond it is its size.
 */
function baselineNotebook(): Subject {
  return subjectOf(
    "baseline (3-cell notebook)",
    readNotebook(path.join(root, "test/e2e/fixtures/takeoff.crux.json")),
  );
}

function readNotebook(file: string) {
  return notebookFileSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

/** The notebook at 10k samples and the parameter to type in: the one the most cells read, of the form `a to b`. */
function subjectOf(label: string, file: ReturnType<typeof readNotebook>): Subject {
  const formulas = file.cells.filter((cell) => cell.kind !== "text");
  const readers = (name: string) =>
    formulas.filter((cell) => cell.name !== name && new RegExp(`\\b${name}\\b`).test(cell.expr)).length;
  const candidates = formulas.filter(
    (cell) => cell.kind === "parameter" && /^\S+ to \S*\d[kMBT]?$/.test(cell.expr),
  );
  const parameter = candidates.reduce((a, b) => (readers(b.name ?? "") > readers(a.name ?? "") ? b : a));
  return {
    label,
    file: { ...file, title: `${file.title} (bench)`, settings: { ...file.settings, samples: SAMPLES } },
    parameter: parameter.name ?? "",
    formulaCells: formulas.length,
  };
}

function progress(message: string): void {
  process.stderr.write(`[bench:ui] ${message}\n`);
}

const TARGETS = { firstFullRenderMs: 1500, keystrokeToOutputMs: 100, longestTaskMs: 50 };

function jsonOf(figures: NotebookFigures[]) {
  const [seed, baseline] = figures as [NotebookFigures, NotebookFigures];
  return { samples: SAMPLES, targets: TARGETS, seed: withMedians(seed), baseline: withMedians(baseline) };
}

/** The figures the targets are judged on, next to every run they come from. */
function withMedians(figures: NotebookFigures) {
  return {
    ...figures,
    firstFullRenderMs: median(figures.navigations.map((n) => n.fullMs)),
    keystrokeToPreviewMs: median(figures.keystrokes.map((k) => k.previewMs)),
    keystrokeToFullMs: median(figures.keystrokes.map((k) => k.fullMs)),
    longestTaskWhileTypingMs: Math.max(0, ...figures.typing.longTasks),
  };
}

function printTable(figures: NotebookFigures[]): void {
  const rows: [string, (f: NotebookFigures) => string][] = [
    ["cells (parameters + models)", (f) => `${f.cells} (${f.formulaCells})`],
    ["typed in", (f) => f.parameter],
    [
      "navigation → all cells on the page, ms (median)",
      (f) => ms(median(f.navigations.map((n) => n.cellsMs))),
    ],
    ["navigation → all outputs shown, ms (median)", (f) => ms(median(f.navigations.map((n) => n.shownMs)))],
    ["navigation → all outputs at 10k, ms (median)", (f) => ms(median(f.navigations.map((n) => n.fullMs)))],
    [
      "  each run (cells / shown / 10k)",
      (f) => f.navigations.map((n) => `${ms(n.cellsMs)}/${ms(n.shownMs)}/${ms(n.fullMs)}`).join(" "),
    ],
    ["keystroke → character in editor, ms (median)", (f) => ms(median(f.keystrokes.map((k) => k.echoMs)))],
    ["keystroke → preview output, ms (median)", (f) => ms(median(f.keystrokes.map((k) => k.previewMs)))],
    ["keystroke → output at 10k, ms (median)", (f) => ms(median(f.keystrokes.map((k) => k.fullMs)))],
    ["keystroke → output at 10k, ms (max)", (f) => ms(Math.max(...f.keystrokes.map((k) => k.fullMs)))],
    ["typing: tasks > 50 ms", (f) => String(f.typing.longTasks.length)],
    ["typing: longest task, ms", (f) => ms(Math.max(0, ...f.typing.longTasks))],
    ["typing: window, ms", (f) => ms(f.typing.windowMs)],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`${"".padEnd(width)} | ${figures.map((f) => f.label).join(" | ")}`);
  for (const [name, cell] of rows)
    console.log(
      `${name.padEnd(width)} | ${figures.map((f) => cell(f).padStart(f.label.length)).join(" | ")}`,
    );
  console.log(
    `targets: first full render < ${TARGETS.firstFullRenderMs} ms, keystroke to output < ${TARGETS.keystrokeToOutputMs} ms, no task > ${TARGETS.longestTaskMs} ms while typing`,
  );
}

function ms(value: number): string {
  return value.toFixed(0);
}

await main();
