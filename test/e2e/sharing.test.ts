/**
 * Sharing through the app: the owner adds a colleague by email in the Share dialog, the colleague finds the notebook
 * in their list and edits it live with the owner, then the owner makes them a viewer and their page turns read-only.
 * Two browser contexts against the production build and a real sync server.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, newPage, signUp } from "./browser";
import { blankNotebook, expression, expressionText, setExpression, shootElement } from "./notebook-page";

const baseUrl = inject("baseUrl");
const WAIT = { timeout: 90_000 };

let browser: Browser;
let owner: Page;
let colleague: Page;
let colleagueEmail: string;

/** Opens the Share dialog from the notebook header. */
async function openShareDialog(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Share this notebook" });
  await dialog.getByRole("heading", { name: "People with access" }).waitFor();
  return dialog;
}

beforeAll(async () => {
  browser = await launchChromium();
  owner = await newPage(browser, baseUrl);
  colleague = await newPage(browser, baseUrl);
  await signUp(owner, "Olive");
  colleagueEmail = await signUp(colleague, "Sam");
  await blankNotebook(owner, "growth", "2 to 5");
});
afterAll(async () => {
  await browser?.close();
});

describe("sharing a notebook", () => {
  it("adds a colleague as an editor by email; they find it in their list and both edit live", async () => {
    const dialog = await openShareDialog(owner);
    await dialog.getByLabel("Email of the person to add").fill(colleagueEmail);
    await dialog.getByLabel("Role of the person to add").selectOption("EDITOR");
    await dialog.getByRole("button", { name: "Add", exact: true }).click();
    await dialog.getByText("Sam is now an editor.").waitFor(WAIT);
    expect(await dialog.getByLabel("Role of Sam").inputValue()).toBe("EDITOR");
    await expect.poll(() => dialog.getByText(colleagueEmail).count()).toBe(1);
    await shootElement(dialog, "share-dialog-owner");
    await dialog.getByRole("button", { name: "Done" }).click();

    await colleague.reload();
    await colleague.getByRole("link", { name: "Untitled notebook" }).click();
    await expect.poll(() => expressionText(colleague, "growth"), WAIT).toBe("2 to 5");
    await expect.poll(() => colleague.getByText("View only").count()).toBe(0);

    await setExpression(colleague, "growth", "3 to 7");
    await expect.poll(() => expressionText(owner, "growth"), WAIT).toBe("3 to 7");
    await setExpression(owner, "growth", "4 to 9");
    await expect.poll(() => expressionText(colleague, "growth"), WAIT).toBe("4 to 9");
  });

  it("shows a member the list without controls, and not the others' emails", async () => {
    const dialog = await openShareDialog(colleague);
    await expect
      .poll(() => dialog.getByRole("listitem").allTextContents())
      .toEqual(["OliveOwner", "Sam (you)EditorLeave"]);
    expect(await dialog.getByRole("combobox").count()).toBe(0);
    expect(await dialog.getByLabel("Anyone signed in with the link can view").isDisabled()).toBe(true);
    await dialog.getByRole("button", { name: "Done" }).click();
  });

  it("makes the colleague a viewer: after a reload their page is read-only", async () => {
    const dialog = await openShareDialog(owner);
    await dialog.getByLabel("Role of Sam").selectOption("VIEWER");
    await dialog.getByText("Sam is now a viewer.").waitFor(WAIT);
    await dialog.getByRole("button", { name: "Done" }).click();

    await colleague.reload();
    await colleague.getByText("View only").waitFor(WAIT);
    await expect.poll(() => expressionText(colleague, "growth"), WAIT).toBe("4 to 9");
    await expression(colleague, "growth").click();
    await colleague.keyboard.press("End");
    await colleague.keyboard.type("0");
    expect(await expressionText(colleague, "growth")).toBe("4 to 9");
    // The owner's next edit still reaches them, and nothing they typed reached the owner.
    await setExpression(owner, "growth", "5 to 9");
    await expect.poll(() => expressionText(colleague, "growth"), WAIT).toBe("5 to 9");
    expect(await expressionText(owner, "growth")).toBe("5 to 9");
  });

  it("lets anyone signed in open the link once the owner makes it public, as a viewer", async () => {
    const stranger = await newPage(browser, baseUrl);
    await signUp(stranger, "Stella");
    const link = owner.url();
    const refused = await stranger.goto(link);
    expect(refused?.status()).toBe(404);

    const dialog = await openShareDialog(owner);
    const toggle = dialog.getByLabel("Anyone signed in with the link can view");
    // A click, not check(): the box shows the new state once the list (updated before the server answers) renders.
    await toggle.click();
    await dialog.getByText("Anyone signed in with the link can now view it.").waitFor(WAIT);
    expect(await toggle.isChecked()).toBe(true);
    expect(await dialog.getByLabel("Link to this notebook").inputValue()).toBe(link);
    await dialog.getByRole("button", { name: "Done" }).click();

    await stranger.goto(link);
    await stranger.getByText("View only").waitFor(WAIT);
    await expect.poll(() => expressionText(stranger, "growth"), WAIT).toBe("5 to 9");
    await stranger.context().close();
  });

  it("lets the colleague leave: they are back on their list, without the notebook", async () => {
    const dialog = await openShareDialog(colleague);
    await dialog.getByRole("button", { name: "Leave" }).click();
    await colleague.getByRole("heading", { name: "Your notebooks" }).waitFor(WAIT);
    await expect.poll(() => colleague.getByRole("link", { name: "Untitled notebook" }).count(), WAIT).toBe(0);
    const ownersView = await openShareDialog(owner);
    await expect.poll(() => ownersView.getByRole("listitem").count(), WAIT).toBe(1);
  });
});
