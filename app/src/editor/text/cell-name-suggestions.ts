/**
 * Typing `{{` or `@` in reasoning text offers the notebook's cell names; choosing one inserts a live value. The
 * suggestion plugins only track the query and keys; the list itself is React state of the editor component
 * (`onChange` hands it a menu, or null when closed), so it renders and reads like the rest of the page.
 */
import { CELL_VALUE_NODE } from "@crux/notebook";
import { type Editor, Extension, type Range } from "@tiptap/core";
import { PluginKey } from "@tiptap/pm/state";
import { Suggestion, type SuggestionOptions, type SuggestionProps } from "@tiptap/suggestion";
import { ySyncPluginKey } from "@tiptap/y-tiptap";

const MAX_ITEMS = 8;

export type CellNameMenu = {
  names: string[];
  /** The index of the highlighted name (arrow keys move it, Enter or Tab chooses it). */
  active: number;
  /** Where the typed trigger is on screen, to place the list under it. */
  anchor: DOMRect | null;
  choose: (name: string) => void;
};

type Options = { names: () => string[]; onChange: (menu: CellNameMenu | null) => void };

export const CellNameSuggestions = Extension.create<Options>({
  name: "cellNameSuggestions",
  addOptions: () => ({ names: () => [], onChange: () => {} }),
  addProseMirrorPlugins() {
    const shared = suggestionOptions(this.editor, this.options);
    return [
      // `{{` may follow anything (it is Markdown's own syntax); `@` only a space or the start, as in e-mail-free text.
      Suggestion({
        ...shared,
        pluginKey: new PluginKey("cellNameBraces"),
        char: "{{",
        allowedPrefixes: null,
      }),
      Suggestion({ ...shared, pluginKey: new PluginKey("cellNameAt"), char: "@" }),
    ];
  },
});

function suggestionOptions(editor: Editor, options: Options): SuggestionOptions<string, string> {
  return {
    editor,
    items: ({ query }) => matchingNames(options.names(), query),
    command: ({ editor: target, range, props: name }) => insertCellValue(target, range, name),
    // A collaborator's typing must not open the list in this browser.
    shouldShow: ({ transaction }) => !transaction.getMeta(ySyncPluginKey),
    render: () => menuLifecycle(options.onChange),
  };
}

/** Names containing the query (after any closing braces typed by hand), those starting with it first. */
export function matchingNames(names: string[], query: string): string[] {
  const wanted = query.replace(/\}+$/, "").toLowerCase();
  const matches = names.filter((name) => name.toLowerCase().includes(wanted));
  const starts = matches.filter((name) => name.toLowerCase().startsWith(wanted));
  return [...starts, ...matches.filter((name) => !starts.includes(name))].slice(0, MAX_ITEMS);
}

function insertCellValue(editor: Editor, range: Range, name: string): void {
  editor
    .chain()
    .focus()
    .insertContentAt(range, [
      { type: CELL_VALUE_NODE, attrs: { name } },
      { type: "text", text: " " },
    ])
    .run();
}

function menuLifecycle(onChange: Options["onChange"]): ReturnType<NonNullable<SuggestionOptions["render"]>> {
  let current: SuggestionProps<string, string> | null = null;
  let active = 0;
  const publish = () => {
    const open = current;
    onChange(
      open && open.items.length > 0
        ? {
            names: open.items,
            active,
            anchor: open.clientRect?.() ?? null,
            choose: (name) => open.command(name),
          }
        : null,
    );
  };
  const show = (props: SuggestionProps<string, string>) => {
    current = props;
    active = Math.min(active, Math.max(0, props.items.length - 1));
    publish();
  };
  return {
    onStart: (props) => {
      active = 0;
      show(props);
    },
    onUpdate: show,
    onExit: () => {
      current = null;
      publish();
    },
    onKeyDown: ({ event }) => {
      const count = current?.items.length ?? 0;
      if (!current || count === 0) return false;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        active = (active + (event.key === "ArrowDown" ? 1 : count - 1)) % count;
        publish();
        return true;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        current.command(current.items[active] as string);
        return true;
      }
      return false;
    },
  };
}
