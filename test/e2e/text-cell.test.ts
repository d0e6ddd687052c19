/**
 * Text cells in Chromium against the production build: rich text typed in one tab appears in another, `{{`
 * offers cell names and inserts a live value that follows the cell's output, remote carets, undo of own typing.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, newPage, shoot, signUp } from "./browser";
import { blankNotebook } from "./notebook-page";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const textBox = (page: Page) => page.getByRole("textbox", { name: "Text" });
const pill = (page: Page, name: string) => page.locator(`.cell-value[data-cell-value="${name}"]`);

/** A notebook with a parameter `growth` (2 to 5) and an empty text cell after it, the caret in the text. */
async function notebookWithTextCell(page: Page): Promise<void> {
  await blankNotebook(page, "growth", "2 to 5");
  await page.keyboard.press("Alt+T");
  await textBox(page).click();
}

describe("text cells", () => {
  it("co-edit rich text with live values, remote carets and undo of one's own typing", async () => {
    const page = await newPage(browser, baseUrl);
    await signUp(page, "Writer");
    await notebookWithTextCell(page);

    await page.keyboard.type("Growth is {{gr");
    const option = page.getByRole("option", { name: "growth" });
    await option.waitFor();
    await shoot(page, "text-cell-suggestions");
    await page.keyboard.press("Enter");
    await page.keyboard.type("per year, ");
    await page.keyboard.press("Control+b");
    await page.keyboard.type("fast");
    // The live value shows the parameter's result once evaluated: a number, not "?".
    await page.waitForFunction(() => /\d/.test(document.querySelector(".cell-value")?.textContent ?? ""));
    const firstValue = await pill(page, "growth").textContent();
    expect(await textBox(page).locator("strong").textContent()).toBe("fast");

    // A second tab of the same notebook sees the text, and its caret appears in the first.
    const other = await page.context().newPage();
    await other.goto(page.url());
    await textBox(other).getByText("per year").waitFor();
    expect(await textBox(other).locator("strong").textContent()).toBe("fast");
    await textBox(other).click();
    await other.keyboard.press("Control+End");
    await other.keyboard.type(" and steady");
    await textBox(page).getByText("and steady").waitFor();
    await page.locator(".text-caret").first().waitFor();
    await shoot(page, "text-cell");

    // The value follows the cell: a new expression gives a new number in both tabs.
    await page.getByLabel("Expression of growth").click();
    await page.keyboard.press("Control+a");
    await page.keyboard.type("40 to 50");
    await page.waitForFunction((before) => {
      const text = document.querySelector(".cell-value")?.textContent ?? "";
      return text !== before && /\d/.test(text);
    }, firstValue);
    await other.waitForFunction(() => /4\d/.test(document.querySelector(".cell-value")?.textContent ?? ""));

    // Undo in the text removes this tab's last typing, not the other tab's.
    await textBox(page).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" ok");
    await textBox(other)
      .getByText(/steady ok/)
      .waitFor();
    await page.keyboard.press("Control+z");
    await textBox(other)
      .getByText(/steady$/)
      .waitFor();
    expect(await textBox(page).textContent()).toContain("and steady");
  });
});
