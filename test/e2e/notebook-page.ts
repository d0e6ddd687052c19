/**
 * Steps on the notebook page shared by the collaboration tests and the UI benchmark: building cells through the
 * editor, reading outputs, sharing a notebook, cutting the network, element screenshots.
 */
import { mkdir } from "node:fs/promises";
import { createPrismaClient, type NotebookRole } from "@crux/db";
import type { BrowserContext, Locator, Page, WebSocketRoute } from "playwright-core";

/** A cell by its accessible name: "Parameter growth", "Model doubled", "Text cell". */
export function cell(page: Page, label: string): Locator {
  return page.getByRole("region", { name: label, exact: true });
}

export function expression(page: Page, name: string): Locator {
  return page.getByLabel(`Expression of ${name}`, { exact: true });
}

/**
 * The text of a cell's expression as its editor shows it, without collaborators' carets (y-codemirror draws each
 * as a widget with the person's name inside the line) and the word joiners around them.
 */
export function expressionText(page: Page, name: string): Promise<string> {
  return expression(page, name).evaluate((content) => {
    const copy = content.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll(".cm-ySelectionCaret")) caret.remove();
    const lines = [...copy.querySelectorAll(".cm-line")].map((line) => line.textContent ?? "");
    return lines.join("\n").replaceAll("\u2060", "");
  });
}

/** The connection indicator in the header ("Online", "Syncing", "Offline"). */
export function connection(page: Page): Locator {
  return page.locator(".connection[role=status]");
}

/** Replaces a cell's whole expression, as one edit (no completion or bracket closing gets in the way). */
export async function setExpression(page: Page, name: string, text: string): Promise<void> {
  await expression(page, name).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(text);
}

/**
 * From the list page: a new notebook started as a blank page, whose first parameter is named `parameter` with the
 * expression `expr`. The caret ends in that expression.
 */
export async function blankNotebook(page: Page, parameter: string, expr: string): Promise<void> {
  await page.getByRole("button", { name: "New notebook" }).click();
  await page.getByRole("button", { name: /Blank page/ }).click();
  // The new parameter's placeholder name is selected: typing replaces it.
  await page.getByLabel("Name of this parameter").waitFor();
  await page.keyboard.type(parameter);
  await page.keyboard.press("Enter");
  await setExpression(page, parameter, expr);
}

/** Adds a model cell below the current one (Alt+M), names it and gives it an expression. */
export async function addModel(page: Page, name: string, expr: string): Promise<void> {
  const before = await page.locator("[data-cell-id]").count();
  await page.keyboard.press("Alt+M");
  await page.locator("[data-cell-id]").nth(before).waitFor();
  const unnamed = page.getByRole("region", { name: /^Model (model\d+|cell)$/ });
  const nameField = unnamed.getByLabel("Name of this model");
  await nameField.fill(name);
  await nameField.press("Enter");
  await setExpression(page, name, expr);
}

/** The numbers of a distribution's summary line ("p5 … · p50 … · p95 … · mean …"), once its output is current. */
export async function percentilesOf(
  page: Page,
  label: string,
): Promise<{ p5: number; p50: number; p95: number }> {
  const output = cell(page, label)
    .locator('[aria-busy="false"]')
    .getByText(/^p5 .* · p50 .* · p95 /);
  const line = (await output.textContent({ timeout: 60_000 })) ?? "";
  const number = (key: string) => Number(new RegExp(`${key} (\\S+)`).exec(line)?.[1]);
  return { p5: number("p5"), p50: number("p50"), p95: number("p95") };
}

/**
 * Makes a user a member of a notebook straight in the database, for tests about what a role allows rather than about
 * sharing (which `shareWith` does through the app).
 */
export async function addMember(
  databaseUrl: string,
  notebookId: string,
  email: string,
  role: NotebookRole,
): Promise<void> {
  const prisma = createPrismaClient(databaseUrl);
  try {
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    await prisma.notebookMember.create({ data: { notebookId, userId: user.id, role } });
  } finally {
    await prisma.$disconnect();
  }
}

/** The owner shares the open notebook with someone by email, through the Share dialog. */
export async function shareWith(page: Page, email: string, role: "EDITOR" | "VIEWER"): Promise<void> {
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Share this notebook" });
  await dialog.getByLabel("Email of the person to add").fill(email);
  await dialog.getByLabel("Role of the person to add").selectOption(role);
  await dialog.getByRole("button", { name: "Add", exact: true }).click();
  // The member list shows the new member's email once the server has added them.
  await dialog.getByText(email).waitFor();
  await dialog.getByRole("button", { name: "Done" }).click();
}

/**
 * Lets a test take a browser context offline for real. Playwright's `setOffline` fails HTTP requests but leaves open
 * WebSockets open (microsoft/playwright#4910), so the sync connections go through a route that can drop them and
 * refuse new ones while offline. Install before the page opens its connection (reload an open page).
 */
export async function interruptibleNetwork(context: BrowserContext) {
  const open = new Set<WebSocketRoute>();
  let offline = false;
  await context.routeWebSocket(/^wss?:\/\//, (socket) => {
    if (offline) return socket.close();
    socket.connectToServer();
    open.add(socket);
  });
  return {
    async goOffline(): Promise<void> {
      offline = true;
      await context.setOffline(true);
      // Closing the page's side closes the server's side too.
      await Promise.all([...open].map((socket) => socket.close()));
      open.clear();
    },
    async goOnline(): Promise<void> {
      offline = false;
      await context.setOffline(false);
    },
  };
}

const SHOTS = "/tmp/e2e-shots";

/** A screenshot of one element, for a person to look at (not compared by the tests). */
export async function shootElement(target: Locator, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await target.screenshot({ path: `${SHOTS}/${name}.png` });
}
