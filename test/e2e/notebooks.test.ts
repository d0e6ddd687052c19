import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseNotebookFile } from "@crux/notebook";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formAlert, launchChromium, newPage, PASSWORD, shoot, signUp, uniqueEmail } from "./browser";

const baseUrl = inject("baseUrl");
const fixture = path.join(import.meta.dirname, "fixtures/takeoff.crux.json");
const FIXTURE_TITLE = "Software-only singularity (e2e)";
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

function importInput(page: Page) {
  return page.getByLabel("Import file (crux.notebook/1 JSON)");
}

describe("notebooks in the browser", () => {
  it("signs up, imports a notebook file, lists it and opens it; another user gets a 404", async () => {
    const owner = await newPage(browser, baseUrl);
    await signUp(owner, "Owner", "sign-up");
    await owner.getByRole("heading", { name: "No notebooks yet" }).waitFor();
    await shoot(owner, "list-empty");

    await importInput(owner).setInputFiles(fixture);
    const link = owner.getByRole("link", { name: FIXTURE_TITLE });
    await link.waitFor();
    const row = owner.getByRole("row").filter({ has: link });
    expect(await row.getByRole("cell").allTextContents()).toEqual(expect.arrayContaining(["Owner", "owner"]));
    await shoot(owner, "list");

    await link.click();
    await owner.getByRole("heading", { name: FIXTURE_TITLE }).waitFor();
    // The cells arrive from the sync server after the page.
    await owner.getByText("0.4 to 3.6").waitFor();
    expect(await owner.locator(".cell").count()).toBe(3);
    expect(await owner.getByLabel("Description of r").inputValue()).toBe("Returns to software R&D");
    expect(await owner.getByText("P(r > 1)").isVisible()).toBe(true);
    // The text cell's Markdown is rendered, not shown as source.
    expect(await owner.getByRole("strong").filter({ hasText: "r > 1" }).isVisible()).toBe(true);
    expect(await owner.title()).toBe(`${FIXTURE_TITLE} · Crux`);
    await shoot(owner, "notebook");

    const stranger = await newPage(browser, baseUrl);
    await signUp(stranger, "Stranger");
    const response = await stranger.goto(owner.url());
    expect(response?.status()).toBe(404);
    expect(await stranger.getByRole("heading", { name: "Not found" }).isVisible()).toBe(true);
    expect(await stranger.getByText("Software-only singularity").count()).toBe(0);
    await shoot(stranger, "not-found");
    // An id that could never name a notebook is the same 404, not an error page.
    expect((await stranger.goto(`/n/${"x".repeat(150)}`))?.status()).toBe(404);
  });

  it("shows which field is wrong when an imported file is malformed", async () => {
    const page = await newPage(browser, baseUrl);
    await signUp(page, "Importer");
    await importInput(page).setInputFiles({
      name: "broken.crux.json",
      mimeType: "application/json",
      buffer: Buffer.from(
        JSON.stringify({ format: "crux.notebook/1", cells: [{ kind: "parameter", expr: "1" }] }),
      ),
    });
    await formAlert(page).waitFor();
    expect(await formAlert(page).textContent()).toContain("cells[0].name: is required");
    expect(await page.getByRole("heading", { name: "No notebooks yet" }).isVisible()).toBe(true);
    await shoot(page, "import-error");
  });

  it("creates, renames inline, downloads and deletes (after confirming) a notebook", async () => {
    const page = await newPage(browser, baseUrl);
    await signUp(page, "Writer");
    await page.getByRole("button", { name: "New notebook" }).click();
    await page.getByRole("heading", { name: "Untitled notebook" }).waitFor();
    await page.getByRole("link", { name: "All notebooks" }).click();

    await page.getByRole("button", { name: "Rename Untitled notebook" }).click();
    await page.getByLabel("New title").press("Escape");
    await page.getByRole("link", { name: "Untitled notebook" }).waitFor();
    await page.getByRole("button", { name: "Rename Untitled notebook" }).click();
    await page.getByLabel("New title").fill("Compute forecast");
    await shoot(page, "rename");
    await page.getByLabel("New title").press("Enter");
    await page.getByRole("link", { name: "Compute forecast" }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("compute-forecast.crux.json");
    const saved = parseNotebookFile(JSON.parse(await readFile(await download.path(), "utf8")));
    expect(saved.ok && saved.notebook.title).toBe("Compute forecast");

    await page.getByRole("button", { name: "Delete Compute forecast" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete “Compute forecast”?" });
    await dialog.waitFor();
    await shoot(page, "delete-dialog");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(await page.getByRole("link", { name: "Compute forecast" }).isVisible()).toBe(true);

    await page.getByRole("button", { name: "Delete Compute forecast" }).click();
    await dialog.getByRole("button", { name: "Delete notebook" }).click();
    await page.getByRole("heading", { name: "No notebooks yet" }).waitFor();
  });

  it("signs out, sends a signed-out visitor to sign in and back to the page they wanted", async () => {
    const page = await newPage(browser, baseUrl);
    const email = await signUp(page, "Returner");
    await importInput(page).setInputFiles(fixture);
    await page.getByRole("link", { name: FIXTURE_TITLE }).click();
    await page.getByRole("heading", { name: FIXTURE_TITLE }).waitFor();
    const notebookUrl = page.url();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to Crux" }).waitFor();
    await page.goto(notebookUrl);
    await page.getByRole("heading", { name: "Sign in to Crux" }).waitFor();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: FIXTURE_TITLE }).waitFor();
    expect(page.url()).toBe(notebookUrl);
  });

  it("refuses a wrong password and a taken email with a message", async () => {
    const page = await newPage(browser, baseUrl);
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(uniqueEmail("nobody"));
    await page.getByLabel("Password").fill("not a real password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await formAlert(page).waitFor();
    expect(await formAlert(page).textContent()).toMatch(/invalid email or password/i);
    await shoot(page, "sign-in-error");

    const first = await newPage(browser, baseUrl);
    const email = await signUp(first, "First");
    const second = await newPage(browser, baseUrl);
    await second.goto("/sign-up");
    await second.getByLabel("Display name").fill("Second");
    await second.getByLabel("Email").fill(email);
    await second.getByLabel("Password").fill(PASSWORD);
    await second.getByRole("button", { name: "Sign up" }).click();
    await formAlert(second).waitFor();
    expect(await formAlert(second).textContent()).toMatch(/already exists/i);
  });
});
