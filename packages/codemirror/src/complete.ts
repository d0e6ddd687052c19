/**
 * Autocompletion: cell names, names defined in the cell itself, the engine's built-ins (`builtinCatalog`, with
 * signature and doc as info) and keywords; after `Namespace.` the namespace's members.
 */
import type { Completion, CompletionContext, CompletionResult } from "@codemirror/autocomplete";
import { builtinCatalog, type CatalogEntry } from "@crux/engine";
import { cruxOptions } from "./options";
import { cruxTokens } from "./tokens";

const KEYWORDS = ["to", "if", "then", "else", "true", "false"];
/** A name, or `Namespace.` and the start of a member name, directly before the cursor. */
const NAME_BEFORE = /[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z0-9_]*$|[A-Za-z_][A-Za-z0-9_]*$/;
const NAME_CHARS = /^[A-Za-z0-9_]*$/;

let catalog: { topLevel: Completion[]; members: Map<string, Completion[]> } | undefined;

/** The catalogue as completions, split into top-level names and members per namespace (built once). */
function builtinCompletions(): NonNullable<typeof catalog> {
  if (catalog) return catalog;
  const entries = builtinCatalog();
  const members = new Map<string, Completion[]>();
  const topLevel: Completion[] = [];
  for (const entry of entries) {
    const dot = entry.name.indexOf(".");
    if (dot < 0) {
      const isNamespace = entries.some((other) => other.name.startsWith(`${entry.name}.`));
      topLevel.push(builtinCompletion(entry, entry.name, isNamespace ? "namespace" : undefined));
    } else {
      const namespace = entry.name.slice(0, dot);
      const list = members.get(namespace) ?? [];
      list.push(builtinCompletion(entry, entry.name.slice(dot + 1)));
      members.set(namespace, list);
    }
  }
  catalog = { topLevel, members };
  return catalog;
}

function builtinCompletion(entry: CatalogEntry, label: string, type?: string): Completion {
  const isCall = entry.signature.startsWith(`${entry.name}(`);
  return {
    label,
    type: type ?? (isCall ? "function" : "constant"),
    // The parameter list beside the name, e.g. `normal (mean, stdev)`.
    ...(isCall ? { detail: entry.signature.slice(entry.name.length) } : {}),
    info: entry.doc ? `${entry.signature}\n${entry.doc}` : entry.signature,
  };
}

/** The completion source of Crux cells. Reads cell names from `cruxOptions`. */
export function cruxCompletionSource(context: CompletionContext): CompletionResult | null {
  const { state, pos } = context;
  if (insideCommentOrString(state.sliceDoc(0, pos))) return null;
  const word = context.matchBefore(NAME_BEFORE);
  // `1e5`, `2.5k` and `record.field.x` end in name-like text that is no name to complete.
  if (word && /[A-Za-z0-9_.]/.test(state.sliceDoc(word.from - 1, word.from))) return null;
  const dot = word?.text.indexOf(".") ?? -1;
  if (word && dot >= 0) {
    const members = builtinCompletions().members.get(word.text.slice(0, dot));
    return members ? { from: word.from + dot + 1, options: members, validFor: NAME_CHARS } : null;
  }
  if (!word && !context.explicit) return null;
  const options = uniqueByLabel([
    ...state
      .facet(cruxOptions)
      .names()
      .map((name): Completion => ({ label: name, type: "variable", detail: "cell", boost: 1 })),
    ...definedNames(state.doc.toString()).map((name): Completion => ({ label: name, type: "variable" })),
    ...builtinCompletions().topLevel,
    ...KEYWORDS.map((keyword): Completion => ({ label: keyword, type: "keyword" })),
  ]);
  return { from: word?.from ?? pos, options, validFor: NAME_CHARS };
}

/** True when the text before the cursor ends inside a comment or a string. */
function insideCommentOrString(before: string): boolean {
  const last = cruxTokens(before).at(-1);
  return (
    last !== undefined && last.to === before.length && (last.style === "comment" || last.style === "string")
  );
}

/** Names the cell defines itself (`x = ...`, `f(x) = ...`). */
function definedNames(source: string): string[] {
  const tokens = cruxTokens(source);
  const text = (index: number) => {
    const token = tokens[index];
    return token ? source.slice(token.from, token.to) : "";
  };
  return tokens.flatMap((token, index) =>
    token.style === "definition" || (token.style === "function" && text(closingParen(index + 1)) === "=")
      ? [text(index)]
      : [],
  );

  /** The index after the parenthesis matching the one at `open`. */
  function closingParen(open: number): number {
    let depth = 0;
    for (let index = open; index < tokens.length; index++) {
      const current = text(index);
      if (current === "(") depth++;
      else if (current === ")" && --depth === 0) return index + 1;
    }
    return tokens.length;
  }
}

function uniqueByLabel(options: Completion[]): Completion[] {
  const seen = new Set<string>();
  return options.filter((option) => !seen.has(option.label) && seen.add(option.label));
}
