/**
 * Text cells hold rich text (a Y.XmlFragment in y-prosemirror's layout) that reads and writes as Markdown: the
 * converter, the document layer, concurrent editing and undo, and the seed templates' reasoning.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Mark, MarkType, NodeType, Node as ProseMirrorNode } from "@tiptap/pm/model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  cellText,
  createNotebookDoc,
  createUndoManager,
  deleteCell,
  editCellText,
  encodeNotebookState,
  getCell,
  loadNotebookDoc,
  markdownToReasoning,
  type NotebookChange,
  NotebookEditError,
  notebookFromDoc,
  observeNotebook,
  reasoningFragment,
  reasoningSchema,
  reasoningToMarkdown,
  setCellText,
} from "../src";
import { readReasoning } from "../src/reasoning";
import { parsed, replicaOf, sample, syncAll } from "./helpers";

function nodeType(name: string): NodeType {
  const type = reasoningSchema.nodes[name];
  if (!type) throw new Error(`no node type ${name}`);
  return type;
}

function markType(name: string): MarkType {
  const type = reasoningSchema.marks[name];
  if (!type) throw new Error(`no mark type ${name}`);
  return type;
}

/** A notebook of one text cell (id "t"). */
const notebookWithText = (text: string) =>
  parsed({ format: "crux.notebook/1", cells: [{ kind: "text", id: "t", text }] });

const textOf = (doc: Y.Doc, id = "t") => {
  const cell = getCell(doc, id);
  if (cell?.kind !== "text") throw new Error(`no text cell ${id}`);
  return cell.text;
};

/** The text runs of a fragment, where the editor binding types (y-prosemirror keeps inline text in Y.XmlText). */
const textRuns = (fragment: Y.XmlFragment) =>
  [...fragment.createTreeWalker((type) => type instanceof Y.XmlText)] as Y.XmlText[];

/** Types into a cell's rich text as the Tiptap editor would: a Y.XmlText insert under the binding's origin. */
function typeInto(doc: Y.Doc, run: number, offset: number, text: string, origin: unknown = "editor"): void {
  const runs = textRuns(reasoningFragment(doc, "t"));
  const target = runs[run % runs.length] as Y.XmlText;
  doc.transact(() => target.insert(offset % (target.length + 1), text), origin);
}

describe("Markdown <-> reasoning text", () => {
  it("reads each construct as its node or mark", () => {
    const first = (markdown: string) => markdownToReasoning(markdown).firstChild?.toJSON();
    expect(first("## Why")).toMatchObject({ type: "heading", attrs: { level: 2 } });
    expect(first("> *quoted*")).toMatchObject({
      type: "blockquote",
      content: [{ type: "paragraph", content: [{ text: "quoted", marks: [{ type: "italic" }] }] }],
    });
    expect(first("3. a\n4. b")).toMatchObject({ type: "orderedList", attrs: { start: 3 } });
    expect(first("- a\n  - b")?.content[0].content[1]).toMatchObject({ type: "bulletList" });
    expect(first("```squiggle\nx = 1\n```")).toMatchObject({
      type: "codeBlock",
      attrs: { language: "squiggle" },
      content: [{ text: "x = 1" }],
    });
    expect(first('[Epoch](https://epoch.ai "t") **b** ~~s~~ `c`')?.content).toMatchObject([
      { text: "Epoch", marks: [{ type: "link", attrs: { href: "https://epoch.ai", title: "t" } }] },
      { text: " " },
      { text: "b", marks: [{ type: "bold" }] },
      { text: " " },
      { text: "s", marks: [{ type: "strike" }] },
      { text: " " },
      { text: "c", marks: [{ type: "code" }] },
    ]);
  });

  it("reads {{name}} as a live value, and braces that are no cell name, escaped or in code as text", () => {
    const inline = (markdown: string) => markdownToReasoning(markdown).firstChild?.toJSON().content;
    expect(inline("P = {{p_r_above_1}}.")).toEqual([
      { type: "text", text: "P = " },
      { type: "cellValue", attrs: { name: "p_r_above_1" } },
      { type: "text", text: "." },
    ]);
    expect(inline("{{Bad name}} {{}} {{2x}}")).toEqual([{ type: "text", text: "{{Bad name}} {{}} {{2x}}" }]);
    expect(inline("\\{{r}}")).toEqual([{ type: "text", text: "{{r}}" }]);
    expect(inline("`{{r}}`")).toEqual([{ type: "text", text: "{{r}}", marks: [{ type: "code" }] }]);
  });

  it("writes canonical Markdown back unchanged", () => {
    const canonical = [
      "# Title\n\nSome *emphasis*, **strong**, ~~struck~~ and `code`.",
      '[a link](https://example.com/x "Title") and <https://example.com>',
      "* one\n* two\n  * nested\n\n3. three\n4. four",
      "> quoted\n>\n> * listed",
      "```js\nconst x = 1;\n```",
      "P = {{p}} while \\{{p}} is literal, `{{p}}` is code",
      "line\\\nbreak\n\n---\n\nafter",
      "* a\n\n\n- b",
    ];
    for (const markdown of canonical)
      expect(reasoningToMarkdown(markdownToReasoning(markdown))).toBe(markdown);
  });

  it("reads back any rich text it writes, as an equal document", () => {
    fc.assert(
      fc.property(richDocument, (document) => {
        const markdown = reasoningToMarkdown(document);
        expect(markdownToReasoning(markdown).toJSON()).toEqual(document.toJSON());
        expect(
          readReasoning(reasoningFragment(createNotebookDoc(notebookWithText(markdown)), "t")).eq(document),
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
  }, 30_000); // hundreds of random documents: seconds on a busy 2-core machine
});

describe("text cells in the document", () => {
  it("keep their rich text in the fragment an editor binds, the live values as cellValue nodes", () => {
    const fragment = reasoningFragment(createNotebookDoc(sample), "cell1");
    expect(fragment).toBeInstanceOf(Y.XmlFragment);
    expect(fragment.toString()).toBe('<paragraph>Intro <cellvalue name="r"></cellvalue></paragraph>');
  });

  it("export the Markdown they were given byte for byte, and canonical Markdown once the rich text is edited", () => {
    const spelled = "Growth  _fast_\n\n+ item\n+ other";
    const doc = loadNotebookDoc(encodeNotebookState(createNotebookDoc(notebookWithText(spelled))));
    expect(textOf(doc)).toBe(spelled);
    typeInto(doc, 0, 0, "Faster ");
    expect(textOf(doc)).toBe("Faster Growth  *fast*\n\n* item\n* other");
  });

  it("take a Markdown edit as a minimal rich-text change, keeping a collaborator's concurrent typing", () => {
    const doc = createNotebookDoc(notebookWithText("First {{r}} part.\n\nSecond part."));
    const peer = replicaOf(doc);
    typeInto(peer, 0, 0, "My ");
    setCellText(doc, "t", "First {{r}} part.\n\nSecond, longer part.");
    editCellText(doc, "t", { index: textOf(doc).length, insert: "\n\nThird." });
    syncAll([doc, peer], [0, 1]);
    expect(textOf(doc)).toBe("My First {{r}} part.\n\nSecond, longer part.\n\nThird.");
    expect(textOf(peer)).toBe(textOf(doc));
  });

  it("converge when peers type into the same text cell at once, keeping every typed word", () => {
    const edit = fc.record({
      peer: fc.nat({ max: 2 }),
      run: fc.nat(),
      offset: fc.nat(),
      word: fc.stringMatching(/^[a-z]{1,4}$/),
    });
    fc.assert(
      fc.property(fc.array(fc.array(edit, { maxLength: 6 }), { minLength: 1, maxLength: 3 }), (rounds) => {
        const first = createNotebookDoc(notebookWithText("Some *text* with {{r}} in it.\n\n* and a list"));
        const docs = [first, replicaOf(first), replicaOf(first)];
        const typed: string[] = [];
        rounds.forEach((round, index) => {
          for (const { peer, run, offset, word } of round) {
            const text = `${word}${peer}${index}`;
            typeInto(docs[peer] as Y.Doc, run, offset, text, "editor");
            typed.push(text);
          }
          syncAll(docs, index % 2 === 0 ? [0, 1, 2] : [2, 1, 0]);
        });
        const markdown = docs.map((doc) => textOf(doc));
        expect(new Set(markdown).size).toBe(1);
        const plain = readReasoning(reasoningFragment(first, "t")).textContent;
        for (const text of typed) expect(isSubsequence(text, plain)).toBe(true);
      }),
      { numRuns: 100 },
    );
  }, 30_000); // hundreds of random documents: seconds on a busy 2-core machine

  it("report rich-text edits to observeNotebook and undo only the local user's typing", () => {
    const doc = createNotebookDoc(notebookWithText("Alpha beta"));
    const peer = replicaOf(doc);
    const undo = createUndoManager(doc, { trackedOrigins: ["editor"], captureTimeout: 0 });
    const changes: NotebookChange[] = [];
    const stop = observeNotebook(doc, (change) => changes.push(change));
    typeInto(doc, 0, 5, " mine");
    typeInto(peer, 0, 0, "Theirs ");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)), "remote");
    stop();
    expect(changes).toEqual([
      { cellIds: ["t"], settings: false, title: false, local: true },
      { cellIds: ["t"], settings: false, title: false, local: false },
    ]);
    expect(textOf(doc)).toBe("Theirs Alpha mine beta");
    undo.undo();
    expect(textOf(doc)).toBe("Theirs Alpha beta");
  });

  it("come back with their rich text when their deletion is undone", () => {
    const doc = createNotebookDoc(sample);
    const undo = createUndoManager(doc, { captureTimeout: 0 });
    deleteCell(doc, "cell1");
    undo.undo();
    expect(notebookFromDoc(doc)).toEqual(sample);
    expect(reasoningFragment(doc, "cell1").toString()).toContain('<cellvalue name="r">');
  });

  it("stored as Markdown in a Y.Text (before rich text) read as before and convert when first bound", () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      const cell = new Y.Map<unknown>();
      doc.getMap("cells").set("t", cell);
      cell.set("kind", "text");
      cell.set("order", "a0");
      cell.set("text", new Y.Text("Old *reasoning* with {{r}}"));
    });
    expect(textOf(doc)).toBe("Old *reasoning* with {{r}}");
    expect(reasoningFragment(doc, "t").toString()).toContain('<cellvalue name="r">');
    expect(reasoningFragment(doc, "t")).toBe(reasoningFragment(doc, "t"));
    expect(notebookFromDoc(doc).cells).toEqual([
      { id: "t", kind: "text", text: "Old *reasoning* with {{r}}" },
    ]);
  });

  it("refuse the Y.Text accessor, and code cells the fragment accessor", () => {
    const doc = createNotebookDoc(sample);
    expect(() => cellText(doc, "cell1", "text")).toThrow(NotebookEditError);
    expect(() => cellText(doc, "cell1", "text")).toThrow(/bind its reasoningFragment/);
    expect(() => reasoningFragment(doc, "r")).toThrow(/parameter cell has no reasoning text/);
  });
});

describe("seed templates", () => {
  const directory = join(import.meta.dirname, "../../../prisma/templates");
  const templates = readdirSync(directory).filter((file) => file.endsWith(".crux.json"));

  it.each(templates)("%s: its reasoning survives import and export", (file) => {
    const notebook = parsed(JSON.parse(readFileSync(join(directory, file), "utf8")));
    const doc = loadNotebookDoc(encodeNotebookState(createNotebookDoc(notebook)));
    expect(notebookFromDoc(doc)).toEqual(notebook);
    const texts = notebook.cells.flatMap((cell) => (cell.kind === "text" ? [cell] : []));
    expect(texts.length).toBeGreaterThan(0);
    for (const cell of texts) {
      const document = readReasoning(reasoningFragment(doc, cell.id));
      expect(markdownToReasoning(reasoningToMarkdown(document)).eq(document)).toBe(true);
      const names: string[] = [];
      document.descendants((node) => {
        if (node.type === nodeType("cellValue")) names.push(node.attrs.name);
      });
      expect(names).toEqual([...cell.text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]));
    }
  });
});

/** Whether the characters of `part` appear in `whole` in order (concurrent typing may land inside other typing). */
function isSubsequence(part: string, whole: string): boolean {
  let found = 0;
  for (const character of whole) if (character === part[found]) found++;
  return found === part.length;
}

// ---- Generated rich text: what the editor can make, for the export -> import property

const word = fc.string({
  unit: fc.constantFrom(
    "a",
    "b",
    "Z",
    "7",
    ".",
    ",",
    "*",
    "_",
    "`",
    "[",
    "]",
    "{",
    "}",
    "#",
    "-",
    "!",
    "<",
    "~",
    "\\",
  ),
  minLength: 1,
  maxLength: 5,
});
const words = fc.array(word, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(" "));
const markSet = fc.subarray<Mark>([
  markType("bold").create(),
  markType("italic").create(),
  markType("strike").create(),
  markType("link").create({ href: "https://example.com/a?b=1" }),
]);
const run = fc.oneof(
  fc.tuple(words, markSet).map(([text, applied]) => [reasoningSchema.text(text, applied)]),
  words.map((text) => [reasoningSchema.text(text, [markType("code").create()])]),
  fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/).map((name) => [nodeType("cellValue").create({ name })]),
);
/** Inline content: runs separated by plain spaces (Markdown cannot say where adjacent marks end without them). */
const inline = fc
  .array(run, { minLength: 1, maxLength: 4 })
  .map((runs) =>
    runs.flatMap((nodes, index) => (index === 0 ? nodes : [reasoningSchema.text(" "), ...nodes])),
  );
const paragraph = inline.map((content) => nodeType("paragraph").create(null, content));
const listItems = fc.array(
  paragraph.map((content) => nodeType("listItem").create(null, content)),
  { minLength: 1, maxLength: 3 },
);
const block: fc.Arbitrary<ProseMirrorNode> = fc.oneof(
  paragraph,
  fc
    .tuple(fc.integer({ min: 1, max: 3 }), inline)
    .map(([level, content]) => nodeType("heading").create({ level }, content)),
  fc
    .array(paragraph, { minLength: 1, maxLength: 2 })
    .map((content) => nodeType("blockquote").create(null, content)),
  listItems.map((items) => nodeType("bulletList").create(null, items)),
  fc
    .tuple(fc.integer({ min: 1, max: 12 }), listItems)
    .map(([start, items]) => nodeType("orderedList").create({ start }, items)),
  fc
    .tuple(fc.constantFrom(null, "js", "squiggle"), fc.array(words, { minLength: 1, maxLength: 3 }))
    .map(([language, lines]) =>
      nodeType("codeBlock").create({ language }, reasoningSchema.text(lines.join("\n"))),
    ),
  fc.constant(nodeType("horizontalRule").create()),
);
const richDocument = fc
  .array(block, { minLength: 1, maxLength: 4 })
  .map((blocks) => nodeType("doc").create(null, blocks));
