/**
 * Two people on one notebook, each in a browser context of their own, against the production build and a real sync
 * server: live outputs follow the other's edits, a move during typing loses nothing, offline edits merge, a viewer
 * cannot edit, errors show their message, undo takes back only one's own edit. Also screenshots of each cell kind.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, newPage, signUp } from "./browser";
import {
  addModel,
  blankNotebook,
  cell,
  connection,
  expression,
  expressionText,
  interruptibleNetwork,
  percentilesOf,
  setExpression,
  shareWith,
  shootElement,
} from "./notebook-page";

const baseUrl = inject("baseUrl");
const WAIT = { timeout: 90_000 };

let browser: Browser;
let owner: Page;
let editor: Page;

/** Both pages show the same cells, in this order. */
async function expectCells(labels: string[]): Promise<void> {
  for (const page of [owner, editor])
    await expect
      .poll(
        () =>
          page
            .locator("[data-cell-id]")
            .evaluateAll((cells) => cells.map((cell) => cell.getAttribute("aria-label"))),
        WAIT,
      )
      .toEqual(labels);
}

/** Both pages hold this expression for the cell. */
async function expectExpression(name: string, text: string): Promise<void> {
  for (const page of [owner, editor]) await expect.poll(() => expressionText(page, name), WAIT).toBe(text);
}

beforeAll(async () => {
  browser = await launchChromium();
  owner = await newPage(browser, baseUrl);
  editor = await newPage(browser, baseUrl);
  await signUp(owner, "Olive");
  const editorEmail = await signUp(editor, "Eddie");
  await blankNotebook(owner, "growth", "2 to 5");
  await addModel(owner, "doubled", "growth * 2");
  await shareWith(owner, editorEmail, "EDITOR");
  await editor.goto(owner.url());
  await cell(editor, "Model doubled").waitFor(WAIT);
});
afterAll(async () => {
  await browser?.close();
});

describe("two people on one notebook", () => {
  it("both edit, and a parameter changed by one updates the outputs in the other", async () => {
    await expectCells(["Parameter growth", "Model doubled"]);
    await expectExpression("doubled", "growth * 2");
    const before = await percentilesOf(editor, "Model doubled");
    expect(before.p50).toBeGreaterThan(4);
    expect(before.p50).toBeLessThan(10);

    await setExpression(owner, "growth", "40 to 50");
    await expect
      .poll(async () => (await percentilesOf(editor, "Model doubled")).p50, WAIT)
      .toBeGreaterThan(80);
    const after = await percentilesOf(editor, "Model doubled");
    expect(after.p95).toBeLessThan(110);

    await setExpression(editor, "doubled", "growth * 3");
    await expect
      .poll(async () => (await percentilesOf(owner, "Model doubled")).p50, WAIT)
      .toBeGreaterThan(120);
  });

  it("keeps every character when one moves a cell while the other types in it", async () => {
    await setExpression(editor, "doubled", "growth * 2");
    await expectExpression("doubled", "growth * 2");
    await expression(owner, "doubled").click();
    await owner.keyboard.press("End");
    await owner.keyboard.type(" + 1");
    // Moved up and down by the other person between keystrokes: the caret stays in the cell, wherever it goes.
    for (const direction of ["up", "down"]) {
      await editor.getByRole("button", { name: `Move Model doubled ${direction}` }).click();
      await expectCells(
        direction === "up" ? ["Model doubled", "Parameter growth"] : ["Parameter growth", "Model doubled"],
      );
      await owner.keyboard.type("0");
    }
    await expectExpression("doubled", "growth * 2 + 100");
    // And during typing: the move lands somewhere in the middle of it.
    await Promise.all([
      owner.keyboard.type("000", { delay: 60 }),
      editor.getByRole("button", { name: "Move Model doubled up" }).click(),
    ]);
    await expectCells(["Model doubled", "Parameter growth"]);
    await expectExpression("doubled", "growth * 2 + 100000");
    await editor.getByRole("button", { name: "Move Model doubled down" }).click();
    await expectCells(["Parameter growth", "Model doubled"]);
  });

  it("merges edits made offline when the connection returns", async () => {
    await setExpression(owner, "growth", "2 to 5");
    await setExpression(owner, "doubled", "growth * 2");
    await expectExpression("doubled", "growth * 2");
    const network = await interruptibleNetwork(owner.context());
    await owner.reload();
    await connection(owner).filter({ hasText: "Online" }).waitFor(WAIT);

    await network.goOffline();
    await connection(owner).filter({ hasText: "Offline" }).waitFor(WAIT);
    await setExpression(owner, "growth", "3 to 4");
    await setExpression(editor, "doubled", "growth * 10");
    // The owner still works offline: its own output follows its edit (3 to 4 has a p95 near 4, 2 to 5 near 5).
    await expect
      .poll(async () => (await percentilesOf(owner, "Parameter growth")).p95, WAIT)
      .toBeLessThan(4.5);
    expect(await expressionText(editor, "growth")).toBe("2 to 5");

    await network.goOnline();
    await connection(owner).filter({ hasText: "Online" }).waitFor(WAIT);
    await expectExpression("growth", "3 to 4");
    await expectExpression("doubled", "growth * 10");
    for (const page of [owner, editor])
      await expect.poll(async () => (await percentilesOf(page, "Model doubled")).p95, WAIT).toBeLessThan(45);
  });

  it("undoes only one's own edit, not the collaborator's", async () => {
    // The collaborator sets the start, so that the owner's one edit here is their only recent one (edits less than
    // half a second apart are one undo step).
    await setExpression(editor, "doubled", "growth * 2");
    await expectExpression("doubled", "growth * 2");
    await expression(owner, "doubled").click();
    await owner.keyboard.press("End");
    await owner.keyboard.type(" + 1");
    await expectExpression("doubled", "growth * 2 + 1");
    await expression(editor, "doubled").click();
    await editor.keyboard.press("End");
    await editor.keyboard.type(" + 2");
    await expectExpression("doubled", "growth * 2 + 1 + 2");

    await expression(owner, "doubled").click();
    await owner.keyboard.press("Control+z");
    await expectExpression("doubled", "growth * 2 + 2");
  });

  it("shows a viewer the notebook read-only: typing changes nothing", async () => {
    const viewer = await newPage(browser, baseUrl);
    const viewerEmail = await signUp(viewer, "Vera");
    await shareWith(owner, viewerEmail, "VIEWER");
    await setExpression(owner, "growth", "2 to 5");
    await viewer.goto(owner.url());
    await viewer.getByText("View only").waitFor();
    await expect.poll(() => expressionText(viewer, "growth"), WAIT).toBe("2 to 5");
    expect(await viewer.getByRole("button", { name: /^Delete / }).count()).toBe(0);

    await expression(viewer, "growth").click();
    await viewer.keyboard.press("End");
    await viewer.keyboard.type("0");
    await viewer.getByLabel("Name of this parameter").click();
    await viewer.keyboard.type("x");
    expect(await expressionText(viewer, "growth")).toBe("2 to 5");
    expect(await viewer.getByLabel("Name of this parameter").inputValue()).toBe("growth");

    // The owner's next edit reaches the viewer, and nothing of the viewer's reached the owner.
    await setExpression(owner, "growth", "2 to 6");
    await expect.poll(() => expressionText(viewer, "growth"), WAIT).toBe("2 to 6");
    expect(await expressionText(owner, "growth")).toBe("2 to 6");
    await viewer.context().close();
  });

  it("shows an expression's error message, and each kind of cell with its output", async () => {
    await setExpression(owner, "growth", "2 to 5");
    await expression(owner, "doubled").click();
    await addModel(owner, "path", "Sim.ode({y0: 1, t1: 10, dt: 0.5, f: {|t, y| y * growth / 10}})");
    await addModel(owner, "broken", "growth * nope");
    const error = cell(editor, "Model broken").getByRole("alert");
    await expect.poll(() => error.textContent(), WAIT).toContain("nope");
    await owner.keyboard.press("Alt+T");
    await owner.getByRole("textbox", { name: "Text" }).click();
    await owner.keyboard.type("Growth is {{gr");
    await owner.getByRole("option", { name: "growth" }).waitFor();
    await owner.keyboard.press("Enter");
    await owner.keyboard.type("per year.");
    await expect
      .poll(() => owner.locator('.cell-value[data-cell-value="growth"]').textContent(), WAIT)
      .toMatch(/\d/);

    await percentilesOf(owner, "Parameter growth");
    await cell(owner, "Model path").locator('[aria-busy="false"] svg').first().waitFor(WAIT);
    await shootElement(cell(owner, "Parameter growth"), "parameter-distribution");
    await shootElement(cell(owner, "Model path"), "model-series");
    await shootElement(cell(owner, "Text cell"), "text-inline-value");
    await shootElement(cell(editor, "Model broken"), "error-cell");
    await owner.screenshot({ path: "/tmp/e2e-shots/notebook-owner.png", fullPage: true });
  });
});
