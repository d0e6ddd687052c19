// @vitest-environment jsdom
import { cellText, createNotebookDoc, createUndoManager } from "@crux/notebook";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CodeEditor, type CodeEditorProps } from "./code-editor";

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean;
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function props(overrides: Partial<CodeEditorProps> = {}): CodeEditorProps {
  const doc = createNotebookDoc({
    format: "crux.notebook/1",
    title: "t",
    settings: { samples: 1000, seed: 1 },
    cells: [{ kind: "model", name: "total", expr: "rate * 12" }],
  });
  return {
    text: cellText(doc, "total", "expr"),
    awareness: null,
    undoManager: createUndoManager(doc),
    names: ["rate"],
    error: null,
    readOnly: false,
    multiline: true,
    label: "Expression of total",
    ...overrides,
  };
}

const content = () => container.querySelector<HTMLElement>(".cm-content");

describe("CodeEditor", () => {
  it("shows the cell's text in a labelled, editable text box", () => {
    act(() => root.render(<CodeEditor {...props()} />));
    expect(content()?.textContent).toBe("rate * 12");
    expect(content()?.getAttribute("aria-label")).toBe("Expression of total");
    expect(content()?.getAttribute("contenteditable")).toBe("true");
    expect(container.querySelector(".cm-crux-number")?.textContent).toBe("12");
  });

  it("changes read-only, label and error in the same editor, without recreating it", () => {
    const initial = props();
    act(() => root.render(<CodeEditor {...initial} />));
    const editor = container.querySelector(".cm-editor");
    act(() =>
      root.render(
        <CodeEditor
          {...initial}
          readOnly
          label="total (read only)"
          error={{ message: 'unknown name "rate"', line: 1, column: 1 }}
        />,
      ),
    );
    expect(container.querySelector(".cm-editor")).toBe(editor);
    expect(content()?.getAttribute("contenteditable")).toBe("false");
    expect(content()?.getAttribute("aria-readonly")).toBe("true");
    expect(content()?.getAttribute("aria-label")).toBe("total (read only)");
    expect(container.querySelector(".cm-lintRange-error")?.textContent).toBe("rate");
    act(() => root.render(<CodeEditor {...initial} />));
    expect(container.querySelector(".cm-lintRange-error")).toBeNull();
  });

  it("follows edits of the shared text made elsewhere", () => {
    const initial = props();
    act(() => root.render(<CodeEditor {...initial} />));
    act(() => initial.text.insert(0, "2 * "));
    expect(content()?.textContent).toBe("2 * rate * 12");
  });
});
