/**
 * Lexer and parser for the Crux language (LANGUAGE.md), a Squiggle-compatible subset.
 * Every node carries its source position so that errors can point at a line and column.
 */

export type Position = { offset: number; line: number; column: number };

export type Node =
  | { kind: "number"; value: number; at: Position }
  | { kind: "string"; value: string; at: Position }
  | { kind: "boolean"; value: boolean; at: Position }
  | { kind: "name"; name: string; at: Position }
  | { kind: "unary"; op: "-" | "!"; operand: Node; at: Position }
  | { kind: "binary"; op: string; left: Node; right: Node; at: Position }
  | { kind: "conditional"; test: Node; then: Node; otherwise: Node; at: Position }
  | { kind: "call"; callee: Node; args: Node[]; at: Position }
  | { kind: "member"; object: Node; field: string; at: Position }
  | { kind: "index"; object: Node; index: Node; at: Position }
  | { kind: "list"; items: Node[]; at: Position }
  | { kind: "record"; fields: { key: string; value: Node }[]; at: Position }
  | { kind: "lambda"; params: string[]; body: Node; at: Position }
  | { kind: "block"; statements: Statement[]; result: Node; at: Position };

export type Statement = { name: string; value: Node; at: Position };

/** A cell's program: definitions, then the value of the cell. */
export type Program = Node;

export class CruxSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: Position,
  ) {
    super(message);
  }
}

type Token = {
  type: "number" | "string" | "name" | "op" | "eof";
  text: string;
  value?: number;
  at: Position;
};

// Squiggle's number suffixes.
const SUFFIXES: Record<string, number> = {
  n: 1e-9,
  m: 1e-3,
  "%": 1e-2,
  k: 1e3,
  M: 1e6,
  B: 1e9,
  G: 1e9,
  T: 1e12,
  P: 1e15,
};
const OPERATORS = [
  "->",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "+",
  "-",
  "*",
  "/",
  "^",
  "<",
  ">",
  "!",
  "?",
  ":",
];
const PUNCTUATION = "()[]{},|.=;";
const KEYWORDS = new Set(["to", "if", "then", "else", "true", "false"]);

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): Position => ({ offset, line, column: offset - lineStart + 1 });
  while (offset < source.length) {
    const char = source[offset] as string;
    if (char === "\n") {
      offset++;
      line++;
      lineStart = offset;
      continue;
    }
    if (/\s/.test(char)) {
      offset++;
      continue;
    }
    if (source.startsWith("//", offset)) {
      while (offset < source.length && source[offset] !== "\n") offset++;
      continue;
    }
    if (source.startsWith("/*", offset)) {
      const end = source.indexOf("*/", offset + 2);
      if (end < 0) throw new CruxSyntaxError("unclosed comment: add */", here());
      for (let i = offset; i < end; i++)
        if (source[i] === "\n") {
          line++;
          lineStart = i + 1;
        }
      offset = end + 2;
      continue;
    }
    const at = here();
    const number = /^(?:\d[\d_]*(?:\.\d[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?/.exec(
      source.slice(offset, offset + 64),
    );
    if (number) {
      let text = number[0];
      let value = Number(text.replaceAll("_", ""));
      const suffix = source[offset + text.length];
      const next = source[offset + text.length + 1] ?? "";
      if (suffix && suffix in SUFFIXES && !/[A-Za-z0-9_]/.test(next)) {
        value *= SUFFIXES[suffix] as number;
        text += suffix;
      }
      tokens.push({ type: "number", text, value, at });
      offset += text.length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(offset, offset + 256));
    if (word) {
      tokens.push({ type: "name", text: word[0], at });
      offset += word[0].length;
      continue;
    }
    if (char === '"' || char === "'") {
      const end = source.indexOf(char, offset + 1);
      if (end < 0) throw new CruxSyntaxError(`unclosed string: add ${char}`, at);
      tokens.push({ type: "string", text: source.slice(offset + 1, end), at });
      offset = end + 1;
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, offset));
    if (op) {
      tokens.push({ type: "op", text: op, at });
      offset += op.length;
      continue;
    }
    if (PUNCTUATION.includes(char)) {
      tokens.push({ type: "op", text: char, at });
      offset++;
      continue;
    }
    throw new CruxSyntaxError(`unexpected character '${char}'`, at);
  }
  tokens.push({ type: "eof", text: "end of input", at: here() });
  return tokens;
}

// Binding powers, lowest first. `to` binds looser than arithmetic and tighter than comparisons, as in Squiggle
// (`1 + 1 to 2 * 3` is `2 to 6`); `^` is right-associative; unary minus binds tighter than `^`, as in Squiggle
// (`-2^2` is 4, `2^-1` is 0.5).
const BINARY: Record<string, { power: number; right?: boolean }> = {
  "||": { power: 2 },
  "&&": { power: 3 },
  "==": { power: 4 },
  "!=": { power: 4 },
  "<": { power: 5 },
  "<=": { power: 5 },
  ">": { power: 5 },
  ">=": { power: 5 },
  to: { power: 5.5 },
  "+": { power: 6 },
  "-": { power: 6 },
  "*": { power: 8 },
  "/": { power: 8 },
  "^": { power: 10, right: true },
};
const UNARY_POWER = 11;
const MAX_DEPTH = 200;

export function parse(source: string): Program {
  return new Parser(tokenize(source)).program();
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  program(): Program {
    const at = this.peek().at;
    const body = this.statements("eof");
    this.expect("eof");
    return body ?? this.fail("this cell is empty: write an expression", at);
  }

  /** Definitions then a final expression, until `end` (a closing brace or the end of input). */
  private statements(end: string): Node | undefined {
    const statements: Statement[] = [];
    const start = this.peek().at;
    let result: Node | undefined;
    while (!this.at(end)) {
      if (result)
        this.fail("only the last line of a block may be a bare expression; name it with `name = ...`");
      const definition = this.definition();
      if (definition) statements.push(definition);
      else result = this.expression();
      while (this.at(";")) this.next();
    }
    if (!result) {
      const last = statements.at(-1);
      if (!last) return undefined;
      // A block that ends with a definition has that definition's value, which suits parameter cells `x = 3`.
      return { kind: "block", statements, result: { kind: "name", name: last.name, at: last.at }, at: start };
    }
    return statements.length ? { kind: "block", statements, result, at: start } : result;
  }

  /** `name = expr` or `f(x, y) = expr`; undefined (and nothing consumed) when the next tokens are not one. */
  private definition(): Statement | undefined {
    const token = this.peek();
    if (token.type !== "name" || KEYWORDS.has(token.text)) return undefined;
    const after = this.tokens[this.index + 1];
    if (after?.text === "=") {
      this.index += 2;
      return { name: token.text, value: this.expression(), at: token.at };
    }
    if (after?.text !== "(") return undefined;
    const close = this.matchingParen(this.index + 1);
    if (this.tokens[close + 1]?.text !== "=") return undefined;
    this.index += 2;
    const params = this.parameterList(")");
    this.expect("=");
    return {
      name: token.text,
      value: { kind: "lambda", params, body: this.expression(), at: token.at },
      at: token.at,
    };
  }

  private matchingParen(open: number): number {
    let depth = 0;
    for (let i = open; i < this.tokens.length; i++) {
      const text = this.tokens[i]?.text;
      if (text === "(") depth++;
      if (text === ")" && --depth === 0) return i;
    }
    return this.tokens.length;
  }

  private parameterList(close: string): string[] {
    const params: string[] = [];
    while (!this.at(close)) {
      const token = this.next();
      if (token.type !== "name") this.fail(`expected a parameter name, found '${token.text}'`, token.at);
      params.push(token.text);
      if (!this.at(close)) this.expect(",");
    }
    this.expect(close);
    return params;
  }

  expression(minPower = 0): Node {
    if (++this.depth > MAX_DEPTH) this.fail("expression nested too deeply");
    try {
      let left = this.prefix();
      for (;;) {
        const token = this.peek();
        if (token.text === "?" && minPower <= 1) {
          this.next();
          const then = this.expression(1);
          this.expect(":");
          left = { kind: "conditional", test: left, then, otherwise: this.expression(1), at: token.at };
          continue;
        }
        const binary = token.type === "op" || token.text === "to" ? BINARY[token.text] : undefined;
        if (!binary || binary.power < minPower || (binary.power === minPower && !binary.right)) return left;
        this.next();
        const right = this.expression(binary.right ? binary.power : binary.power + 1);
        left = { kind: "binary", op: token.text, left, right, at: token.at };
      }
    } finally {
      this.depth--;
    }
  }

  private prefix(): Node {
    const token = this.next();
    if (token.text === "-" || token.text === "!") {
      const operand = this.expression(UNARY_POWER);
      return { kind: "unary", op: token.text, operand, at: token.at };
    }
    return this.postfix(this.primary(token));
  }

  private primary(token: Token): Node {
    const at = token.at;
    if (token.type === "number") return { kind: "number", value: token.value as number, at };
    if (token.type === "string") return { kind: "string", value: token.text, at };
    if (token.text === "(") {
      const inner = this.expression();
      this.expect(")");
      return inner;
    }
    if (token.text === "[") return { kind: "list", items: this.items("]"), at };
    if (token.text === "{") return this.braces(at);
    if (token.type === "name") {
      if (token.text === "true" || token.text === "false")
        return { kind: "boolean", value: token.text === "true", at };
      if (token.text === "if") return this.ifThenElse(at);
      if (KEYWORDS.has(token.text)) this.fail(`'${token.text}' cannot start an expression`, at);
      return { kind: "name", name: token.text, at };
    }
    return this.fail(
      token.type === "eof" ? "the expression ends too early" : `unexpected '${token.text}'`,
      token.at,
    );
  }

  private ifThenElse(at: Position): Node {
    const test = this.expression();
    this.expect("then");
    const then = this.expression();
    this.expect("else");
    return { kind: "conditional", test, then, otherwise: this.expression(), at };
  }

  /** `{|x| body}` lambda, `{a: 1}` record, or `{ x = 1; x + 1 }` block. */
  private braces(at: Position): Node {
    if (this.at("|")) {
      this.next();
      const params = this.parameterList("|");
      const body = this.statements("}") ?? this.fail("the function has no body", at);
      this.expect("}");
      return { kind: "lambda", params, body, at };
    }
    const first = this.peek();
    const second = this.tokens[this.index + 1];
    if (this.at("}") || ((first.type === "name" || first.type === "string") && second?.text === ":")) {
      return this.recordLiteral(at);
    }
    const body = this.statements("}") ?? this.fail("empty block", at);
    this.expect("}");
    return body;
  }

  private recordLiteral(at: Position): Node {
    const fields: { key: string; value: Node }[] = [];
    while (!this.at("}")) {
      const key = this.next();
      if (key.type !== "name" && key.type !== "string")
        this.fail(`expected a field name, found '${key.text}'`, key.at);
      this.expect(":");
      fields.push({ key: key.text, value: this.expression() });
      if (!this.at("}")) this.expect(",");
    }
    this.expect("}");
    return { kind: "record", fields, at };
  }

  private postfix(node: Node): Node {
    for (;;) {
      const token = this.peek();
      if (token.text === "(") {
        this.next();
        node = { kind: "call", callee: node, args: this.items(")"), at: node.at };
      } else if (token.text === ".") {
        this.next();
        const field = this.next();
        if (field.type !== "name")
          this.fail(`expected a field name after '.', found '${field.text}'`, field.at);
        node = { kind: "member", object: node, field: field.text, at: field.at };
      } else if (token.text === "[") {
        this.next();
        const index = this.expression();
        this.expect("]");
        node = { kind: "index", object: node, index, at: token.at };
      } else return node;
    }
  }

  private items(close: string): Node[] {
    const items: Node[] = [];
    while (!this.at(close)) {
      items.push(this.expression());
      if (!this.at(close)) this.expect(",");
    }
    this.expect(close);
    return items;
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== "eof") this.index++;
    return token;
  }

  private at(text: string): boolean {
    const token = this.peek();
    return text === "eof" ? token.type === "eof" : token.text === text && token.type !== "string";
  }

  private expect(text: string): void {
    const token = this.peek();
    if (!this.at(text)) {
      const wanted = text === "eof" ? "the end of the expression" : `'${text}'`;
      const found = token.type === "eof" ? "the end of the input" : `'${token.text}'`;
      this.fail(`expected ${wanted} but found ${found}`, token.at);
    }
    this.next();
  }

  private fail(message: string, at: Position = this.peek().at): never {
    throw new CruxSyntaxError(message, at);
  }
}

/** Names a program reads from outside itself (other cells or built-ins), for the dependency graph. */
export function freeNames(node: Node, bound: ReadonlySet<string> = new Set()): Set<string> {
  const names = new Set<string>();
  const visit = (current: Node, scope: ReadonlySet<string>): void => {
    if (current.kind === "name") {
      if (!scope.has(current.name)) names.add(current.name);
    } else if (current.kind === "lambda") {
      visit(current.body, new Set([...scope, ...current.params]));
    } else if (current.kind === "block") {
      const inner = new Set(scope);
      for (const statement of current.statements) {
        // Functions may call themselves, so a definition's own name is in scope in its value.
        inner.add(statement.name);
        visit(statement.value, inner);
      }
      visit(current.result, inner);
    } else {
      for (const child of childrenOf(current)) visit(child, scope);
    }
  };
  visit(node, bound);
  return names;
}

function childrenOf(node: Node): Node[] {
  switch (node.kind) {
    case "unary":
      return [node.operand];
    case "binary":
      return [node.left, node.right];
    case "conditional":
      return [node.test, node.then, node.otherwise];
    case "call":
      return [node.callee, ...node.args];
    case "member":
      return [node.object];
    case "index":
      return [node.object, node.index];
    case "list":
      return node.items;
    case "record":
      return node.fields.map((field) => field.value);
    default:
      return [];
  }
}
