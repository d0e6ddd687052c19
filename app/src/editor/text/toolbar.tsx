"use client";
/**
 * The formatting toolbar of a text cell (shown while the cell has focus): bold, italic, heading, lists and link,
 * each a labelled toggle. The Markdown shortcuts (`**bold**`, `# `, `- `, ...) do the same while typing.
 */
import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { type FormEvent, useId, useState } from "react";

type Toggle = {
  label: string;
  text: string;
  active: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
};

const TOGGLES: Toggle[] = [
  {
    label: "Bold",
    text: "B",
    active: (editor) => editor.isActive("bold"),
    run: (editor) => editor.chain().focus().toggleBold().run(),
  },
  {
    label: "Italic",
    text: "I",
    active: (editor) => editor.isActive("italic"),
    run: (editor) => editor.chain().focus().toggleItalic().run(),
  },
  {
    label: "Heading",
    text: "H",
    active: (editor) => editor.isActive("heading"),
    run: (editor) => editor.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  {
    label: "Bulleted list",
    text: "•",
    active: (editor) => editor.isActive("bulletList"),
    run: (editor) => editor.chain().focus().toggleBulletList().run(),
  },
  {
    label: "Numbered list",
    text: "1.",
    active: (editor) => editor.isActive("orderedList"),
    run: (editor) => editor.chain().focus().toggleOrderedList().run(),
  },
];

export function TextToolbar({ editor }: { editor: Editor }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      toggles: TOGGLES.map((toggle) => toggle.active(current)),
      link: current.isActive("link"),
    }),
  });
  const [linking, setLinking] = useState(false);
  return (
    <div className="text-toolbar" role="toolbar" aria-label="Formatting">
      {TOGGLES.map((toggle, index) => (
        <button
          key={toggle.label}
          type="button"
          className="text-toolbar-button"
          aria-label={toggle.label}
          aria-pressed={active.toggles[index] ?? false}
          title={toggle.label}
          // Keep the selection in the editor: a click must not move focus before the command runs.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => toggle.run(editor)}
        >
          {toggle.text}
        </button>
      ))}
      <button
        type="button"
        className="text-toolbar-button"
        aria-label={active.link ? "Remove link" : "Link"}
        aria-pressed={active.link}
        title={active.link ? "Remove link" : "Link"}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => {
          if (active.link) editor.chain().focus().extendMarkRange("link").unsetLink().run();
          else setLinking(true);
        }}
      >
        Link
      </button>
      {linking && <LinkField editor={editor} onDone={() => setLinking(false)} />}
    </div>
  );
}

function LinkField({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const id = useId();
  const [href, setHref] = useState("https://");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
    onDone();
  };
  return (
    <form className="text-link-field" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        Link address
      </label>
      <input
        id={id}
        type="url"
        value={href}
        // biome-ignore lint/a11y/noAutofocus: the field opens on request and is where the user types next
        autoFocus
        onChange={(event) => setHref(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            onDone();
            editor.commands.focus();
          }
        }}
      />
      <button type="submit">Add link</button>
    </form>
  );
}
