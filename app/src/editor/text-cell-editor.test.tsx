// @vitest-environment jsdom
import {
  createNotebookDoc,
  createUndoManager,
  getCell,
  type NotebookFile,
  setCellText,
} from "@crux/notebook";
import type { Editor } from "@tiptap/core";
import { act } from "react";
import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { mountReactRootPerTest } from "../test-support/react-root";
import { TextCellEditor, type TextCellEditorProps } from "./text-cell-editor";

// jsdom has no layout: ProseMirror asks ranges for their rectangles when it scrolls the caret into view.
Range.prototype.getClientRects = () => ({
  length: 0,
  item: () => null,
  [Symbol.iterator]: [][Symbol.iterator],
});
Range.prototype.getBoundingClientRect = () => new DOMRect();

const notebook: NotebookFile = {
  format: "crux.notebook/1",
  title: "t",
  settings: { samples: 1000, seed: 1 },
  cells: [
    { kind: "parameter", id: "rate", name: "rate", expr: "1 to 2" },
    { kind: "parameter", id: "ratio", name: "ratio", expr: "3" },
    { kind: "text", id: "why", text: "Rate is {{rate}}, not {{missing}}." },
  ],
};

const mounted = mountReactRootPerTest();

function props(): TextCellEditorProps {
  return {
    doc: createNotebookDoc(notebook),
    cellId: "why",
    awareness: null,
    readOnly: false,
    valueOf: (name) => (name === "rate" ? "1.4" : undefined),
  };
}

/** Node views and the name list render in React commits after the editor's transaction, on a busy machine late. */
const SETTLED = { timeout: 4_000 };

const content = () => mounted.container.querySelector<HTMLElement>(".text-cell-content");
/** The Tiptap editor behind the rendered content (Tiptap keeps it on its DOM node). */
const editorOf = () => (content() as HTMLElement & { editor: Editor }).editor;
const textOf = (doc: Y.Doc) => (getCell(doc, "why") as { text: string }).text;
const pill = (name: string) =>
  mounted.container.querySelector<HTMLElement>(`.cell-value[data-cell-value="${name}"]`);

function press(key: string, modifiers: KeyboardEventInit = {}): void {
  act(() => {
    content()?.dispatchEvent(
      new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...modifiers }),
    );
  });
}

describe("TextCellEditor", () => {
  it("shows the cell's text with live values that follow valueOf, and '?' for an unknown name", async () => {
    const initial = props();
    act(() => mounted.root.render(<TextCellEditor {...initial} />));
    expect(content()?.getAttribute("contenteditable")).toBe("true");
    expect(content()?.getAttribute("aria-label")).toBe("Text");
    expect(content()?.textContent).toContain("Rate is ");
    // Node views render through React portals, a commit after the editor's own.
    await vi.waitFor(() => expect(pill("rate")?.textContent).toBe("rate = 1.4"), SETTLED);
    expect(pill("missing")?.textContent).toBe("missing = ?");
    expect(pill("missing")?.getAttribute("title")).toMatch(/no cell has this name/);
    act(() =>
      mounted.root.render(
        <TextCellEditor {...initial} valueOf={(name) => (name === "rate" ? "2.9" : undefined)} />,
      ),
    );
    await vi.waitFor(() => expect(pill("rate")?.textContent).toBe("rate = 2.9"), SETTLED);
  });

  it("writes typing into the shared document and shows a collaborator's edits", () => {
    const initial = props();
    act(() => mounted.root.render(<TextCellEditor {...initial} />));
    act(() => editorOf().chain().setTextSelection(1).insertContent("So: ").run());
    expect(textOf(initial.doc)).toBe("So: Rate is {{rate}}, not {{missing}}.");

    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(initial.doc));
    setCellText(peer, "why", "So: Rate is {{rate}}, not {{missing}}.\n\n**Second** thought.");
    act(() =>
      Y.applyUpdate(initial.doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(initial.doc)), "remote"),
    );
    expect(content()?.querySelector("strong")?.textContent).toBe("Second");
  });

  it("undoes the local typing with Mod-z through the notebook's undo manager, keeping a collaborator's edit", () => {
    const doc = createNotebookDoc(notebook);
    const undoManager = createUndoManager(doc, { captureTimeout: 0 });
    act(() => mounted.root.render(<TextCellEditor {...props()} doc={doc} undoManager={undoManager} />));
    act(() => editorOf().chain().setTextSelection(1).insertContent("Mine. ").run());

    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    setCellText(peer, "why", `${textOf(peer)} Theirs.`);
    act(() => Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)), "remote"));
    expect(textOf(doc)).toBe("Mine. Rate is {{rate}}, not {{missing}}. Theirs.");

    press("z", { ctrlKey: true });
    expect(textOf(doc)).toBe("Rate is {{rate}}, not {{missing}}. Theirs.");
    press("z", { ctrlKey: true, shiftKey: true });
    expect(textOf(doc)).toBe("Mine. Rate is {{rate}}, not {{missing}}. Theirs.");
  });

  it("offers the cell names after {{ and inserts the chosen one as a live value", async () => {
    const initial = props();
    act(() => mounted.root.render(<TextCellEditor {...initial} />));
    act(() => editorOf().chain().focus().setTextSelection(1).insertContent("See {{ra").run());
    const options = () => [...mounted.container.querySelectorAll('[role="listbox"] [role="option"]')];
    await vi.waitFor(
      () => expect(options().map((option) => option.textContent)).toEqual(["rate", "ratio"]),
      SETTLED,
    );
    expect(content()?.getAttribute("aria-activedescendant")).toBe(options()[0]?.id);

    press("ArrowDown");
    expect(options()[1]?.getAttribute("aria-selected")).toBe("true");
    press("Enter");
    expect(textOf(initial.doc)).toBe("See {{ratio}} Rate is {{rate}}, not {{missing}}.");
    await vi.waitFor(() => expect(mounted.container.querySelector('[role="listbox"]')).toBeNull(), SETTLED);
  });

  it("is not editable and has no toolbar when read-only", () => {
    const initial = props();
    act(() => mounted.root.render(<TextCellEditor {...initial} />));
    expect(mounted.container.querySelector('[role="toolbar"]')).not.toBeNull();
    act(() => mounted.root.render(<TextCellEditor {...initial} readOnly />));
    expect(content()?.getAttribute("contenteditable")).toBe("false");
    expect(mounted.container.querySelector('[role="toolbar"]')).toBeNull();
  });
});
