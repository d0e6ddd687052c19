/**
 * A text cell's reasoning text in the document: a Y.XmlFragment holding the ProseMirror document (the layout
 * y-prosemirror's binding reads and writes, so the Tiptap editor binds to it directly), plus the Markdown spelling
 * it was last given, so that a file imported and exported untouched comes back byte for byte.
 */

import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { markdownToReasoning, reasoningToMarkdown } from "./markdown";
import { reasoningSchema } from "./reasoning-schema";

/** The reasoning document a fragment holds. */
export function readReasoning(fragment: Y.XmlFragment): ProseMirrorNode {
  return yXmlFragmentToProseMirrorRootNode(fragment, reasoningSchema);
}

/**
 * The Markdown of a fragment: its last given spelling while that still means what the fragment holds, else the
 * canonical Markdown of the fragment (after someone edited the rich text). Equal documents give equal Markdown on
 * every peer, since both inputs are shared state.
 */
export function markdownOf(fragment: Y.XmlFragment, spelling: string | undefined): string {
  const cached = markdownCache.get(fragment);
  if (cached && cached.spelling === spelling) return cached.markdown;
  const document = readReasoning(fragment);
  const markdown =
    spelling !== undefined && markdownToReasoning(spelling).eq(document)
      ? spelling
      : reasoningToMarkdown(document);
  if (!observed.has(fragment)) {
    observed.add(fragment);
    fragment.observeDeep(() => markdownCache.delete(fragment));
  }
  markdownCache.set(fragment, { spelling, markdown });
  return markdown;
}

/**
 * Converting costs milliseconds per cell, and pages read every cell after each keystroke anywhere. An entry is
 * dropped when the fragment changes: by `writeMarkdown` at once, by anyone else (editor, collaborators, undo) when
 * their transaction ends, before any `observeNotebook` callback runs.
 */
const markdownCache = new WeakMap<Y.XmlFragment, { spelling: string | undefined; markdown: string }>();
const observed = new WeakSet<Y.XmlFragment>();

/**
 * Makes the fragment hold what `markdown` means, rewriting only the nodes and text that differ (y-prosemirror's
 * own diff, the one the editor binding uses), so collaborators' cursors and concurrent typing elsewhere survive.
 * Call inside a transaction.
 */
export function writeMarkdown(fragment: Y.XmlFragment, markdown: string): void {
  markdownCache.delete(fragment);
  updateYFragment(fragment.doc as Y.Doc, fragment, markdownToReasoning(markdown), {
    mapping: new Map(),
    isOMark: new Map(),
  });
}
