/**
 * The one definition of what a text cell can hold: the Tiptap extensions whose schema both the browser editor and
 * the Markdown converter use, so the two can never disagree. DOM-free: importing it (and building the schema) works
 * in Node, in the sync server and the CLI.
 */
import { getSchema, mergeAttributes, Node } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

export const CELL_VALUE_NODE = "cellValue";

/**
 * A live value of a named cell inside reasoning text, `{{name}}` in Markdown: an inline atom whose only attribute
 * is the cell name. The editor renders it as a pill showing the cell's current value.
 */
export const CellValue = Node.create({
  name: CELL_VALUE_NODE,
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      name: {
        default: "",
        parseHTML: (element) => element.getAttribute("data-cell-value") ?? "",
        renderHTML: (attributes) => ({ "data-cell-value": attributes.name }),
      },
    };
  },
  parseHTML() {
    return [{ tag: "span[data-cell-value]" }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return ["span", mergeAttributes(HTMLAttributes), `{{${node.attrs.name}}}`];
  },
  renderText({ node }) {
    return `{{${node.attrs.name}}}`;
  },
});

/**
 * StarterKit without what Markdown cannot say (underline) and without the parts that would write to the shared
 * document on their own or fight the collaboration binding: undo history (Yjs undoes), the trailing empty paragraph.
 */
export const reasoningExtensions = [
  StarterKit.configure({
    undoRedo: false,
    underline: false,
    trailingNode: false,
    link: { openOnClick: false, autolink: true },
  }),
  CellValue,
];

/** The ProseMirror schema of reasoning text (node names as Tiptap gives them: bulletList, codeBlock, ...). */
export const reasoningSchema = getSchema(reasoningExtensions);
