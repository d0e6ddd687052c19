/**
 * Markdown <-> reasoning text (a ProseMirror document of `reasoningSchema`), for import, export and `getCell().text`.
 * CommonMark plus `~~strike~~` and `{{name}}` live values; no raw HTML, no images (the schema has neither: `![a](b)`
 * reads as "!" and a link).
 */

import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import MarkdownIt from "markdown-it";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";
import {
  defaultMarkdownSerializer,
  MarkdownParser,
  MarkdownSerializer,
  type MarkdownSerializerState,
} from "prosemirror-markdown";
import { CELL_NAME_PATTERN } from "./format";
import { CELL_VALUE_NODE, reasoningSchema } from "./reasoning-schema";

const CELL_VALUE_TOKEN = "cell_value";
/** `{{name}}` with a valid cell name; anything else between braces stays text. */
const CELL_VALUE_SYNTAX = new RegExp(`\\{\\{(${CELL_NAME_PATTERN.source.slice(1, -1)})\\}\\}`, "y");

function cellValueRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x7b /* { */) return false;
  CELL_VALUE_SYNTAX.lastIndex = state.pos;
  const match = CELL_VALUE_SYNTAX.exec(state.src);
  if (!match) return false;
  if (!silent) state.push(CELL_VALUE_TOKEN, "", 0).content = match[1] ?? "";
  state.pos += match[0].length;
  return true;
}

const markdownIt = new MarkdownIt("commonmark", { html: false }).enable("strikethrough").disable("image");
markdownIt.inline.ruler.before("emphasis", CELL_VALUE_TOKEN, cellValueRule);

const parser = new MarkdownParser(reasoningSchema, markdownIt, {
  blockquote: { block: "blockquote" },
  paragraph: { block: "paragraph" },
  list_item: { block: "listItem" },
  bullet_list: { block: "bulletList" },
  ordered_list: {
    block: "orderedList",
    getAttrs: (token) => ({ start: Number(token.attrGet("start") ?? 1) }),
  },
  heading: { block: "heading", getAttrs: (token) => ({ level: Number(token.tag.slice(1)) }) },
  code_block: { block: "codeBlock", noCloseToken: true },
  fence: { block: "codeBlock", getAttrs: (token) => ({ language: token.info || null }), noCloseToken: true },
  hr: { node: "horizontalRule" },
  hardbreak: { node: "hardBreak" },
  [CELL_VALUE_TOKEN]: { node: CELL_VALUE_NODE, getAttrs: (token) => ({ name: token.content }) },
  em: { mark: "italic" },
  strong: { mark: "bold" },
  s: { mark: "strike" },
  link: {
    mark: "link",
    getAttrs: (token) => ({ href: token.attrGet("href"), title: token.attrGet("title") || null }),
  },
  code_inline: { mark: "code", noCloseToken: true },
});

type NodeSerializer = MarkdownSerializer["nodes"][string];
type StandardNode = "blockquote" | "horizontal_rule" | "paragraph";
const standard = defaultMarkdownSerializer.nodes as Record<
  StandardNode | "hard_break" | "text",
  NodeSerializer
>;
const serializer = new MarkdownSerializer(
  {
    blockquote: standard.blockquote,
    heading,
    horizontalRule: standard.horizontal_rule,
    bulletList,
    listItem,
    paragraph: standard.paragraph,
    hardBreak: standard.hard_break,
    text: standard.text,
    codeBlock,
    orderedList,
    [CELL_VALUE_NODE]: (state, node) => state.write(`{{${node.attrs.name}}}`),
  },
  {
    italic: defaultMarkdownSerializer.marks.em,
    bold: defaultMarkdownSerializer.marks.strong,
    link: defaultMarkdownSerializer.marks.link,
    code: defaultMarkdownSerializer.marks.code,
    strike: { open: "~~", close: "~~", mixable: true, expelEnclosingWhitespace: true },
  } as MarkdownSerializer["marks"],
  // "{{" in plain text is written "\{{" so that it reads back as text, not as a live value.
  { escapeExtraCharacters: /\{(?=\{)/g, hardBreakNodeName: "hardBreak" },
);

/**
 * A heading whose text cannot read back as other syntax: it starts as a paragraph does, so a leading "#" (or list or
 * quote marker) is escaped (prosemirror-markdown's own heading leaves "# #x" to read as a level-2 heading), and a
 * final run of "#" after a space, which Markdown takes for the closing sequence, is escaped too.
 */
function heading(state: MarkdownSerializerState, node: ProseMirrorNode): void {
  state.write(`${state.repeat("#", node.attrs.level)} `);
  const last = node.lastChild;
  const closing = last?.isText && last.marks.length === 0 ? /\s(#+)$/.exec(last.text ?? "") : null;
  if (!last || !closing) state.renderInline(node);
  else {
    const hashes = closing[1]?.length ?? 0;
    const kept = (last.text ?? "").slice(0, -hashes);
    state.renderInline(
      node.copy(node.content.replaceChild(node.childCount - 1, last.type.schema.text(kept))),
    );
    state.write("\\#".repeat(hashes));
  }
  state.closeBlock(node);
}

/**
 * A list item whose first paragraph is empty while more blocks follow starts that content on the marker's line:
 * the standard output (marker, blank line, block) would end the item at the blank line.
 */
function listItem(state: MarkdownSerializerState, node: ProseMirrorNode): void {
  const first = node.firstChild;
  const skipFirst =
    first !== null && node.childCount > 1 && first.type.name === "paragraph" && first.childCount === 0;
  state.renderContent(skipFirst ? node.copy(node.content.cut(first.nodeSize)) : node);
}

/**
 * A fenced block, its fence longer than any run of the fence character inside; tildes when the language has a
 * backtick, which a backtick fence's info string may not contain.
 */
function codeBlock(state: MarkdownSerializerState, node: ProseMirrorNode): void {
  const fenceCharacter = String(node.attrs.language ?? "").includes("`") ? "~" : "`";
  const runs = node.textContent.match(fenceCharacter === "`" ? /`{3,}/g : /~{3,}/g) ?? [];
  const fence = fenceCharacter.repeat(Math.max(2, ...runs.map((run) => run.length)) + 1);
  state.write(`${fence}${node.attrs.language ?? ""}\n`);
  state.text(node.textContent, false);
  state.write("\n");
  state.write(fence);
  state.closeBlock(node);
}

/**
 * Two lists of a kind side by side are one list in Markdown unless their markers differ, so every other list in a
 * run of siblings uses the second marker ("-" after "*", ")" after ".").
 */
function usesSecondMarker(node: ProseMirrorNode, parent: ProseMirrorNode, index: number): boolean {
  let run = 0;
  while (run < index && parent.child(index - 1 - run).type === node.type) run++;
  return run % 2 === 1;
}

function bulletList(
  state: MarkdownSerializerState,
  node: ProseMirrorNode,
  parent: ProseMirrorNode,
  index: number,
) {
  const bullet = usesSecondMarker(node, parent, index) ? "- " : "* ";
  state.renderList(node, "  ", () => bullet);
}

function orderedList(
  state: MarkdownSerializerState,
  node: ProseMirrorNode,
  parent: ProseMirrorNode,
  index: number,
) {
  const delimiter = usesSecondMarker(node, parent, index) ? ")" : ".";
  const start = Number(node.attrs.start ?? 1);
  const width = String(start + node.childCount - 1).length;
  state.renderList(node, state.repeat(" ", width + 2), (item) => {
    const number = String(start + item);
    return `${state.repeat(" ", width - number.length)}${number}${delimiter} `;
  });
}

/** The reasoning document a Markdown text means. Never throws: any text is some Markdown. */
export function markdownToReasoning(markdown: string): ProseMirrorNode {
  return parser.parse(markdown);
}

/** Markdown for a reasoning document; `markdownToReasoning` reads it back as an equal document. */
export function reasoningToMarkdown(document: ProseMirrorNode): string {
  return serializer.serialize(document, { tightLists: true });
}
