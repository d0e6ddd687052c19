import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, newPage, shoot, signUp } from "./browser";
import { addMember } from "./notebook-page";

const baseUrl = inject("baseUrl");
const databaseUrl = inject("databaseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function newNotebook(page: Page): Promise<void> {
  await page.getByRole("button", { name: "New notebook" }).click();
  await page.getByRole("heading", { name: "Start this notebook" }).waitFor();
}

/** The cells' accessible names, top to bottom ("Parameter growth", "Model doubled", "Text cell"). */
function cellLabels(page: Page): Promise<(string | null)[]> {
  return page
    .locator("[data-cell-id]")
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute("aria-label")));
}

async function waitForLabels(page: Page, expected: string[]): Promise<void> {
  await page.waitForFunction(
    (labels) =>
      JSON.stringify(
        [...document.querySelectorAll("[data-cell-id]")].map((cell) => cell.getAttribute("aria-label")),
      ) === JSON.stringify(labels),
    expected,
  );
}

describe("the notebook editor", () => {
  it("starts a new notebook from a seed model, which becomes its title and cells", async () => {
    const page = await newPage(browser, baseUrl);
    await signUp(page, "Seeder");
    await newNotebook(page);
    await shoot(page, "editor-empty");
    const template = page.getByRole("button", { name: /Tom Davidson's estimate of r/ });
    await template.click();
    const title = "Tom Davidson's estimate of r, the returns to software R&D";
    await page.getByRole("heading", { name: title }).waitFor();
    await page.getByRole("region", { name: "Parameter r_epoch" }).waitFor();
    expect(await page.getByRole("heading", { name: "Start this notebook" }).count()).toBe(0);
    expect(await page.getByLabel("Expression of r_epoch").textContent()).toBe("1.4");
    await shoot(page, "editor-template");

    // The record was renamed too: the list shows the template's title.
    await page.getByRole("link", { name: "All notebooks" }).click();
    await page.getByRole("link", { name: title }).waitFor();
  });

  it("adds, names, moves, duplicates and deletes cells, with undo, and keeps them across a reload", async () => {
    const page = await newPage(browser, baseUrl);
    await signUp(page, "Editor");
    await newNotebook(page);
    await page.getByRole("button", { name: /Blank page/ }).click();
    // The new parameter's placeholder name is selected: typing replaces it.
    await page.getByLabel("Name of this parameter").waitFor();
    await page.keyboard.type("growth");
    await page.keyboard.press("Enter");
    await page.getByLabel("Expression of growth").click();
    await page.keyboard.type("2 to 5");

    await page.keyboard.press("Alt+M");
    await waitForLabels(page, ["Parameter growth", "Model model1"]);
    await page.keyboard.type("growth * 2");
    const modelName = page.getByRole("region", { name: "Model model1" }).getByLabel("Name of this model");
    await modelName.fill("Bad Name");
    expect(await page.locator(".field-error").textContent()).toContain('"Bad Name" is not a valid name');
    await modelName.fill("growth");
    expect(await page.locator(".field-error").textContent()).toContain('the name "growth" is already used');
    await modelName.fill("doubled");
    await modelName.press("Enter");
    await waitForLabels(page, ["Parameter growth", "Model doubled"]);
    expect(await page.getByLabel("Expression of doubled").textContent()).toBe("growth * 2");

    await page.getByLabel("Expression of doubled").click();
    await page.keyboard.press("Alt+ArrowUp");
    await waitForLabels(page, ["Model doubled", "Parameter growth"]);
    await page.getByRole("button", { name: "Move Model doubled down" }).click();
    await waitForLabels(page, ["Parameter growth", "Model doubled"]);
    // Dragged by its handle onto the top half of the first cell, both in view (a drag does not scroll).
    await page.setViewportSize({ width: 1280, height: 1600 });
    await page.getByRole("region", { name: "Model doubled" }).hover();
    await page
      .getByRole("button", { name: /^Move Model doubled \(drag/ })
      .dragTo(page.getByRole("region", { name: "Parameter growth" }), { targetPosition: { x: 100, y: 5 } });
    await waitForLabels(page, ["Model doubled", "Parameter growth"]);
    await page.getByRole("button", { name: "Move Model doubled down" }).click();
    await waitForLabels(page, ["Parameter growth", "Model doubled"]);

    await page.getByRole("button", { name: "Duplicate Parameter growth" }).click();
    await waitForLabels(page, ["Parameter growth", "Parameter growth_copy", "Model doubled"]);
    await page.getByRole("button", { name: "Delete Parameter growth_copy" }).click();
    await waitForLabels(page, ["Parameter growth", "Model doubled"]);

    await page.getByRole("button", { name: "Delete Parameter growth" }).click();
    await waitForLabels(page, ["Model doubled"]);
    const toast = page.getByRole("status").filter({ hasText: "Cell deleted." });
    await toast.waitFor();
    await shoot(page, "editor-deleted");
    await toast.getByRole("button", { name: "Undo" }).click();
    await waitForLabels(page, ["Parameter growth", "Model doubled"]);
    expect(await page.getByLabel("Expression of growth").textContent()).toBe("2 to 5");

    // Keyboard undo outside the editors takes back this user's last change (the undone delete is redone).
    await page.locator("h1").click();
    await page.keyboard.press("Control+Shift+Z");
    await waitForLabels(page, ["Model doubled"]);
    await page.keyboard.press("Control+Z");
    await waitForLabels(page, ["Parameter growth", "Model doubled"]);
    await page.getByRole("status").filter({ hasText: "Online" }).waitFor();
    await shoot(page, "editor-cells");

    await page.reload();
    await page.getByRole("region", { name: "Model doubled" }).waitFor();
    expect(await cellLabels(page)).toEqual(["Parameter growth", "Model doubled"]);
    expect(await page.getByLabel("Expression of doubled").textContent()).toBe("growth * 2");
  });

  it("changes settings, renames through the menu and shows the keyboard shortcuts", async () => {
    const page = await newPage(browser, baseUrl);
    await signUp(page, "Menus");
    await newNotebook(page);
    await page.getByRole("button", { name: "Notebook ▾" }).click();
    await page.getByRole("button", { name: "Rename…" }).click();
    const rename = page.getByRole("dialog", { name: "Rename notebook" });
    await rename.getByRole("textbox", { name: "Title" }).fill("Takeoff speeds");
    await rename.getByRole("button", { name: "Rename" }).click();
    await page.getByRole("heading", { name: "Takeoff speeds" }).waitFor();
    expect(await page.title()).toBe("Takeoff speeds · Crux");

    await page.getByRole("button", { name: "Notebook ▾" }).click();
    await page.getByRole("button", { name: "Settings (samples, seed)…" }).click();
    const settings = page.getByRole("dialog", { name: "Notebook settings" });
    await settings.getByLabel("Samples").fill("2000");
    await settings.getByLabel("Seed").fill("7");
    await settings.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("button", { name: "Notebook ▾" }).click();
    await page.getByRole("button", { name: "Settings (samples, seed)…" }).click();
    expect(await settings.getByLabel("Samples").inputValue()).toBe("2000");
    expect(await settings.getByLabel("Seed").inputValue()).toBe("7");
    await settings.getByRole("button", { name: "Cancel" }).click();

    await page.locator("h1").click();
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    expect(await help.getByText("Move the current cell up or down").isVisible()).toBe(true);
    await shoot(page, "editor-shortcuts");
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "hidden" });
  });

  it("shows each person who else is here and which cell they are in", async () => {
    const owner = await newPage(browser, baseUrl);
    await signUp(owner, "Olga");
    await newNotebook(owner);
    await owner.getByRole("button", { name: /Tom Davidson's estimate of r/ }).click();
    await owner.getByRole("region", { name: "Parameter r_epoch" }).waitFor();
    const viewer = await newPage(browser, baseUrl);
    const viewerEmail = await signUp(viewer, "Victor");
    const notebookId = new URL(owner.url()).pathname.split("/").at(-1) as string;
    await addMember(databaseUrl, notebookId, viewerEmail, "VIEWER");

    await viewer.goto(owner.url());
    await viewer.getByRole("region", { name: "Parameter r_epoch" }).waitFor();
    expect(await viewer.getByText("View only").isVisible()).toBe(true);
    expect(await viewer.getByRole("button", { name: /^(Add|Delete|Duplicate|Move) / }).count()).toBe(0);
    await viewer.getByLabel("Expression of r_epoch").click();
    await owner.getByLabel("Expression of limits_reduction").click();

    // Each sees the other's avatar, and a marker with the other's name on the cell they are in.
    await owner.getByRole("list", { name: "Also here" }).getByText("Victor").waitFor({ state: "attached" });
    const markerOn = (page: Page, label: string) =>
      page.getByRole("region", { name: label, exact: true }).locator(".cell-presence");
    await markerOn(owner, "Parameter r_epoch").getByText("Victor").waitFor();
    await markerOn(viewer, "Parameter limits_reduction").getByText("Olga").waitFor();
    await viewer.getByRole("list", { name: "Also here" }).getByText("Olga").waitFor({ state: "attached" });
    await shoot(owner, "editor-presence");

    // Moving to another cell moves the marker.
    await viewer.getByLabel("Expression of r", { exact: true }).click();
    await markerOn(owner, "Parameter r").getByText("Victor").waitFor();
    expect(await markerOn(owner, "Parameter r_epoch").count()).toBe(0);
  });
});
