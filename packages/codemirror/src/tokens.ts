/**
 * Highlighting spans for Crux source, driven by the engine's own lexer (`tokenize`) so that what the editor colours
 * as a number, string or name is exactly what the parser will read. The lexer skips comments and stops at the first
 * bad character; this module fills those gaps so that a half-typed cell still highlights up to and past the error.
 */
import { CruxSyntaxError, tokenize } from "@crux/engine";

export type TokenStyle =
  | "keyword"
  | "bool"
  | "number"
  | "string"
  | "comment"
  | "operator"
  | "punctuation"
  | "function"
  | "namespace"
  | "property"
  | "definition"
  | "variable"
  | "invalid";

/** A highlighted span: document offsets [from, to). Spans are sorted and never overlap. */
export type CruxToken = { from: number; to: number; style: TokenStyle };

type EngineToken = ReturnType<typeof tokenize>[number];
/**
 * A lexed token with its source extent (the engine's string tokens carry their text without the quotes), or a
 * character the lexer refused.
 */
type Lexeme = {
  from: number;
  to: number;
  type: Exclude<EngineToken["type"], "eof"> | "invalid";
  text: string;
};

const KEYWORDS = new Set(["to", "if", "then", "else"]);
const BOOLEANS = new Set(["true", "false"]);
const NON_ASCII_RUN = /^[^\p{ASCII}\s]+/u;
const PUNCTUATION = new Set(["(", ")", "[", "]", "{", "}", ",", ";", "|", "."]);

/** Highlighting spans of `source`, in order; comments and lexing errors included. */
export function cruxTokens(source: string): CruxToken[] {
  const { lexemes, tail } = lexTolerantly(source);
  const spans: CruxToken[] = [];
  let cursor = 0;
  lexemes.forEach((lexeme, index) => {
    spans.push(...commentSpans(source, cursor, lexeme.from));
    spans.push({ from: lexeme.from, to: lexeme.to, style: styleOf(lexemes, index) });
    cursor = lexeme.to;
  });
  spans.push(...commentSpans(source, cursor, tail?.from ?? source.length));
  if (tail) spans.push(tail);
  return spans;
}

/**
 * Lexes as far as the engine's lexer goes, then resumes after each bad character. An unclosed string or block
 * comment runs to the end of the source, as the lexer reads it.
 */
function lexTolerantly(source: string): { lexemes: Lexeme[]; tail?: CruxToken } {
  const lexemes: Lexeme[] = [];
  let start = 0;
  for (;;) {
    const result = lexFrom(source, start);
    lexemes.push(...result.lexemes);
    if (result.errorAt === undefined) return { lexemes };
    const at = result.errorAt;
    const char = source[at] as string;
    if (char === '"' || char === "'")
      return { lexemes, tail: { from: at, to: source.length, style: "string" } };
    if (source.startsWith("/*", at))
      return { lexemes, tail: { from: at, to: source.length, style: "comment" } };
    // The lexer reads ASCII only (outside strings and comments): a run of other non-space characters is refused as
    // a whole, so skip it in one step rather than one lexer restart per character.
    const length = NON_ASCII_RUN.exec(source.slice(at))?.[0].length ?? 1;
    lexemes.push({ from: at, to: at + length, type: "invalid", text: source.slice(at, at + length) });
    start = at + length;
  }
}

/** Lexes `source` from `start`; on a lexing error, the lexemes before it and the error's absolute offset. */
function lexFrom(source: string, start: number): { lexemes: Lexeme[]; errorAt?: number } {
  const rest = source.slice(start);
  try {
    return { lexemes: toLexemes(tokenize(rest), start) };
  } catch (error) {
    if (!(error instanceof CruxSyntaxError)) throw error;
    // Everything before the error lexes cleanly on its own: the lexer had already consumed it.
    const before = toLexemes(tokenize(rest.slice(0, error.at.offset)), start);
    return { lexemes: before, errorAt: start + error.at.offset };
  }
}

function toLexemes(tokens: EngineToken[], shift: number): Lexeme[] {
  return tokens.flatMap((token) => {
    if (token.type === "eof") return [];
    const from = token.at.offset + shift;
    const length = token.type === "string" ? token.text.length + 2 : token.text.length;
    return [{ from, to: from + length, type: token.type, text: token.text }];
  });
}

/** The comments in a stretch between two lexemes, which holds only whitespace and comments. */
function commentSpans(source: string, from: number, to: number): CruxToken[] {
  const spans: CruxToken[] = [];
  let offset = from;
  while (offset < to) {
    if (/\s/.test(source[offset] as string)) {
      offset++;
      continue;
    }
    const end = source.startsWith("/*", offset) ? blockCommentEnd(source, offset) : lineEnd(source, offset);
    spans.push({ from: offset, to: Math.min(end, to), style: "comment" });
    offset = end;
  }
  return spans;
}

function blockCommentEnd(source: string, offset: number): number {
  const close = source.indexOf("*/", offset + 2);
  return close < 0 ? source.length : close + 2;
}

function lineEnd(source: string, offset: number): number {
  const end = source.indexOf("\n", offset);
  return end < 0 ? source.length : end;
}

function styleOf(lexemes: Lexeme[], index: number): TokenStyle {
  const lexeme = lexemes[index] as Lexeme;
  if (lexeme.type === "invalid" || lexeme.type === "number" || lexeme.type === "string") return lexeme.type;
  if (lexeme.type === "op") return PUNCTUATION.has(lexeme.text) ? "punctuation" : "operator";
  return nameStyle(lexeme.text, lexemes[index - 1]?.text, lexemes[index + 1]?.text);
}

/** A name's role, read from its neighbours the way the parser would see it. */
function nameStyle(name: string, previous: string | undefined, next: string | undefined): TokenStyle {
  if (KEYWORDS.has(name)) return "keyword";
  if (BOOLEANS.has(name)) return "bool";
  if (previous === ".") return next === "(" ? "function" : "property";
  // Record keys `{a: 1, b: 2}`; a conditional's `c ? a : b` has `?` before `a`, never `{` or `,`.
  if (next === ":" && (previous === "{" || previous === ",")) return "property";
  if (next === "." && /^[A-Z]/.test(name)) return "namespace";
  if (next === "(") return "function";
  if (next === "=") return "definition";
  return "variable";
}
