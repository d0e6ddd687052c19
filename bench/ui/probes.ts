/**
 * What the UI benchmark runs inside the page. Times are the page's own clock (`performance.now()`, from the start
 * of the navigation), taken in the first animation frame whose DOM shows the change: the frame that paints it, so
 * neither the benchmark's round trips to the browser nor its polling period count.
 *
 * Each function is serialized by Playwright into the page: it may use only its argument and the page's globals.
 */

export type NotebookShape = { formulaCells: number; samples: number };
export type RenderTimes = { cellsMs: number; shownMs: number; fullMs: number };

/**
 * Resolves with when all the notebook's cells are on the page (`cellsMs`: the document has arrived), when every
 * parameter and model cell shows a current output (`shownMs`, a preview may have fewer samples) and when every
 * sampled output is at the notebook's sample count (`fullMs`).
 */
export function watchFirstRender(shape: NotebookShape): Promise<RenderTimes> {
  const samplesOf = (output: Element) => {
    const label = /([\d,]+) samples/.exec(output.textContent ?? "")?.[1];
    return label === undefined ? undefined : Number(label.replaceAll(",", ""));
  };
  return new Promise((resolve) => {
    let cellsMs: number | undefined;
    let shownMs: number | undefined;
    const frame = () => {
      const cells = [...document.querySelectorAll("section.cell:not(.cell-text)")];
      if (cells.length === shape.formulaCells) cellsMs ??= performance.now();
      const outputs = cells.map((cell) => cell.querySelector('[aria-busy="false"]'));
      const all = cells.length === shape.formulaCells && outputs.every((output) => output !== null);
      if (all && cellsMs !== undefined) {
        shownMs ??= performance.now();
        const full = outputs.every((output) => {
          const samples = samplesOf(output as Element);
          return samples === undefined || samples === shape.samples;
        });
        if (full) return resolve({ cellsMs, shownMs, fullMs: performance.now() });
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

export type KeystrokeTimes = { echoMs: number; previewMs: number; fullMs: number };

declare global {
  interface Window {
    cruxKeystroke?: Promise<KeystrokeTimes>;
    cruxLongTasks?: { startTime: number; duration: number }[];
  }
}

/**
 * Arms a watch on one cell for the next keydown: from the key event's time to the frame showing the character in
 * the editor (`echoMs`), the first changed, current output (`previewMs`: the quick low-sample run) and that output
 * at the notebook's sample count (`fullMs`). Read the result from `window.cruxKeystroke`.
 */
export function armKeystroke(target: { cellLabel: string; samples: number }): void {
  const cell = document.querySelector(`section[aria-label="${target.cellLabel}"]`);
  if (!cell) throw new Error(`no cell ${target.cellLabel}`);
  const editorText = () => cell.querySelector(".cm-content")?.textContent ?? "";
  const output = () => cell.querySelector("[aria-busy]");
  const textBefore = editorText();
  const outputBefore = output()?.textContent ?? "";
  window.cruxKeystroke = new Promise((resolve) => {
    document.addEventListener(
      "keydown",
      (event) => {
        const pressed = event.timeStamp;
        let echoMs: number | undefined;
        let previewMs: number | undefined;
        const frame = () => {
          const now = performance.now();
          if (echoMs === undefined && editorText() !== textBefore) echoMs = now - pressed;
          const shown = output();
          const current = shown?.getAttribute("aria-busy") === "false";
          const text = shown?.textContent ?? "";
          if (previewMs === undefined && current && text !== outputBefore) previewMs = now - pressed;
          const full =
            current &&
            text !== outputBefore &&
            text.includes(`${target.samples.toLocaleString("en-US")} samples`);
          if (full && echoMs !== undefined && previewMs !== undefined)
            return resolve({ echoMs, previewMs, fullMs: now - pressed });
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      },
      { capture: true, once: true },
    );
  });
}

/** Installed before any page script runs (`addInitScript`): records every main-thread task over 50 ms. */
export function recordLongTasks(): void {
  const tasks: { startTime: number; duration: number }[] = [];
  window.cruxLongTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      tasks.push({ startTime: entry.startTime, duration: entry.duration });
  }).observe({ type: "longtask", buffered: true });
}
