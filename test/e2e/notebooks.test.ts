import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "./browser";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function signUp(name: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: baseUrl })).newPage();
  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Email").fill(`${name.toLowerCase()}-${randomUUID()}@example.test`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.getByRole("heading", { name: "Your notebooks" }).waitFor();
  return page;
}

describe("notebooks in the browser", () => {
  it("signs up, imports a notebook file, lists it and opens it; another user gets a 404", async () => {
    const owner = await signUp("Owner");
    await expect(owner.getByText("No notebooks yet").isVisible()).resolves.toBe(true);

    await owner
      .getByLabel("Import a crux.notebook/1 file")
      .setInputFiles(path.join(import.meta.dirname, "fixtures/takeoff.crux.json"));
    const link = owner.getByRole("link", { name: "Software-only singularity (e2e)" });
    await link.waitFor();
    await link.click();
    await owner.getByRole("heading", { name: "Software-only singularity (e2e)" }).waitFor();
    expect(await owner.locator(".cell").count()).toBe(3);
    expect(await owner.getByText("0.4 to 3.6").isVisible()).toBe(true);
    expect(await owner.getByRole("strong").filter({ hasText: "r > 1" }).isVisible()).toBe(true);
    await owner.screenshot({ path: "/tmp/crux-e2e-notebook.png", fullPage: true });

    const stranger = await signUp("Stranger");
    const response = await stranger.goto(owner.url());
    expect(response?.status()).toBe(404);
    expect(await stranger.getByRole("heading", { name: "Not found" }).isVisible()).toBe(true);
    expect(await stranger.getByText("Software-only singularity").count()).toBe(0);
  });

  it("shows which field is wrong when an imported file is malformed", async () => {
    const page = await signUp("Importer");
    await page.getByLabel("Import a crux.notebook/1 file").setInputFiles({
      name: "broken.crux.json",
      mimeType: "application/json",
      buffer: Buffer.from(
        JSON.stringify({ format: "crux.notebook/1", cells: [{ kind: "parameter", expr: "1" }] }),
      ),
    });
    const alert = page.locator("p[role=alert]"); // Next adds its own role=alert route announcer
    await alert.waitFor();
    expect(await alert.textContent()).toContain("cells[0].name: is required");
  });

  it("refuses a wrong password with a message", async () => {
    const page = await (await browser.newContext({ baseURL: baseUrl })).newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(`nobody-${randomUUID()}@example.test`);
    await page.getByLabel("Password").fill("not a real password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.locator("p[role=alert]"); // Next adds its own role=alert route announcer
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/invalid email or password/i);
  });
});
