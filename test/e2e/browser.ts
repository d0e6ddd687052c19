import { randomInt, randomUUID } from "node:crypto";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's Chromium, headless; the flags keep it off the (closed) network and fit running as root. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Playwright's 30 s default is too short for a production build sharing two busy cores with other test suites. */
const STEP_TIMEOUT_MS = 45_000;

/**
 * A fresh browser context (its own cookies and its own address), so each user is a separate person. better-auth
 * limits sign-ups and sign-ins per client address (3 per 10 s in production) and reads the address from
 * X-Forwarded-For, which `next start` keeps when a client sends it, as the proxy in front of a deployment would.
 */
export async function newPage(browser: Browser, baseUrl: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    acceptDownloads: true,
    extraHTTPHeaders: { "x-forwarded-for": clientAddress() },
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  return context.newPage();
}

/** An address from the benchmarking range 198.18.0.0/15, which no real client has. */
function clientAddress(): string {
  return `198.${18 + randomInt(2)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export const PASSWORD = "correct horse battery";

export function uniqueEmail(name: string): string {
  return `${name.toLowerCase()}-${randomUUID()}@example.test`;
}

/** Signs a new user up through the form and waits for the notebook list. */
export async function signUp(page: Page, name: string, screenshot?: string): Promise<string> {
  const email = uniqueEmail(name);
  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  if (screenshot) await shoot(page, screenshot);
  await page.getByRole("button", { name: "Sign up" }).click();
  const list = page.getByRole("heading", { name: "Your notebooks" });
  await list.or(formAlert(page)).waitFor();
  if (!(await list.isVisible())) throw new Error(`sign-up failed: ${await formAlert(page).textContent()}`);
  return email;
}

/** Screenshots for a person to look at (not compared by the tests). */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/tmp/crux-e2e-${name}.png`, fullPage: true });
}

/** The form's own alert; Next adds a role=alert route announcer of its own, which is a <next-route-announcer>. */
export function formAlert(page: Page) {
  return page.locator("p[role=alert]");
}
