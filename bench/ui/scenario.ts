/** One notebook through the page: import it, open it several times, type in one of its parameters. */
import type { NotebookFile } from "@crux/notebook";
import type { Page } from "playwright-core";
import { expression } from "../../test/e2e/notebook-page";
import {
  armKeystroke,
  type KeystrokeTimes,
  type RenderTimes,
  recordLongTasks,
  watchFirstRender,
} from "./probes";

export type Subject = { label: string; file: NotebookFile; parameter: string; formulaCells: number };

export type NotebookFigures = {
  label: string;
  cells: number;
  formulaCells: number;
  parameter: string;
  navigations: RenderTimes[];
  keystrokes: KeystrokeTimes[];
  typing: { windowMs: number; longTasks: number[] };
};

const NAVIGATIONS = 3;
const KEYSTROKES = 6;
// Ten characters a second: a quick typist. The gaps are the typist's, not waits for the page.
const TYPING_GAP_MS = 100;
const SETTLE = { timeout: 120_000 };

export async function measureNotebook(
  page: Page,
  subject: Subject,
  progress: (message: string) => void,
): Promise<NotebookFigures> {
  // tsx compiles with esbuild's keepNames, which wraps the probes' inner functions in a `__name` helper that
  // exists only in Node; the page gets a no-op one.
  await page.context().addInitScript({ content: "globalThis.__name = (fn) => fn;" });
  await page.context().addInitScript(recordLongTasks);
  const url = await importNotebook(page, subject.file);
  const shape = { formulaCells: subject.formulaCells, samples: subject.file.settings.samples };
  // The first visit fills the browser's caches (scripts, the offline copy of the document), as for anyone who
  // has opened the notebook before; the measured ones follow.
  await openAndRender(page, url, shape);
  const navigations: RenderTimes[] = [];
  for (let i = 0; i < NAVIGATIONS; i++) navigations.push(await openAndRender(page, url, shape));
  progress(`${subject.label}: navigations ${navigations.map((n) => `${n.fullMs.toFixed(0)} ms`).join(", ")}`);

  const keystrokes = await measureKeystrokes(page, subject);
  progress(`${subject.label}: keystrokes ${keystrokes.map((k) => `${k.fullMs.toFixed(0)} ms`).join(", ")}`);
  const typing = await measureTyping(page, subject);
  progress(`${subject.label}: ${typing.longTasks.length} long tasks while typing`);
  return {
    label: subject.label,
    cells: subject.file.cells.length,
    formulaCells: subject.formulaCells,
    parameter: subject.parameter,
    navigations,
    keystrokes,
    typing,
  };
}

/** Through the list page's import, as a user would; returns the notebook's address. */
async function importNotebook(page: Page, file: NotebookFile): Promise<string> {
  await page.getByLabel("Import file (crux.notebook/1 JSON)").setInputFiles({
    name: "bench.crux.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await page.getByRole("link", { name: file.title }).click();
  await page.waitForURL(/\/n\//);
  return page.url();
}

async function openAndRender(
  page: Page,
  url: string,
  shape: { formulaCells: number; samples: number },
): Promise<RenderTimes> {
  await page.goto(url, { waitUntil: "domcontentloaded" });
  return page.evaluate(watchFirstRender, shape);
}

/**
 * Alternately types a digit into the parameter's upper bound and deletes it ("1M" → "15M" → "1M"), each time after
 * the previous keystroke's output has settled at the full sample count.
 */
async function measureKeystrokes(page: Page, subject: Subject): Promise<KeystrokeTimes[]> {
  const target = { cellLabel: `Parameter ${subject.parameter}`, samples: subject.file.settings.samples };
  await expression(page, subject.parameter).click();
  await page.keyboard.press("End");
  // Before a unit suffix (k, M, B, T), so that the digit changes the number.
  if (/[kMBT]$/.test(parameterExpr(subject))) await page.keyboard.press("ArrowLeft");
  const times: KeystrokeTimes[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    await page.evaluate(armKeystroke, target);
    await page.keyboard.press(i % 2 === 0 ? "5" : "Backspace");
    times.push(await page.evaluate(() => window.cruxKeystroke as Promise<KeystrokeTimes>));
  }
  return times;
}

/** Retypes the parameter's expression at a typist's pace; the long tasks from the first key to the settled output. */
async function measureTyping(page: Page, subject: Subject): Promise<NotebookFigures["typing"]> {
  const cellSelector = `section[aria-label="Parameter ${subject.parameter}"]`;
  const settledOutput = await page.locator(`${cellSelector} [aria-busy="false"]`).textContent();
  await expression(page, subject.parameter).click();
  await page.keyboard.press("Control+a");
  const started = await page.evaluate(() => performance.now());
  await page.keyboard.type(parameterExpr(subject), { delay: TYPING_GAP_MS });
  // The same expression gives the same output (same seed) once the full run of the last keystroke is shown.
  const ended = await page
    .waitForFunction(
      ({ selector, expected }) => {
        const output = document.querySelector(`${selector} [aria-busy="false"]`);
        return output?.textContent === expected ? performance.now() : false;
      },
      { selector: cellSelector, expected: settledOutput },
      { polling: "raf", ...SETTLE },
    )
    .then((handle) => handle.jsonValue() as Promise<number>);
  const tasks = await page.evaluate(() => window.cruxLongTasks ?? []);
  return {
    windowMs: ended - started,
    longTasks: tasks
      .filter((task) => task.startTime >= started && task.startTime <= ended)
      .map((t) => t.duration),
  };
}

function parameterExpr(subject: Subject): string {
  const cell = subject.file.cells.find((c) => c.kind === "parameter" && c.name === subject.parameter);
  if (!cell || cell.kind === "text") throw new Error(`no parameter ${subject.parameter}`);
  return cell.expr;
}
