/** Runtime values. A distribution is a sample set: one draw per shared sample index, in a Float64Array. */
import type { Node } from "./syntax";

export type Value =
  | { type: "number"; value: number }
  | { type: "boolean"; value: boolean }
  | { type: "string"; value: string }
  /** Monte Carlo samples; `boolean` marks 0/1 samples of a condition (what `P(...)` takes). */
  | { type: "samples"; data: Float64Array; boolean?: boolean }
  | { type: "list"; items: Value[] }
  | { type: "record"; fields: Map<string, Value> }
  | {
      type: "function";
      call: (args: Value[], at: CallSite) => Value;
      arity?: number;
      name: string;
      /** A built-in that applies sample by sample and always returns a new array (it may reuse temporaries). */
      elementwise?: boolean;
    }
  | { type: "series"; t: Float64Array; y: Value[]; blowup?: BlowupInfo };

/** Per-sample finite-time blow-up: the time at which each sample diverged (NaN where it did not). */
export type BlowupInfo = { times: Float64Array };

/**
 * Where a function is called from: for error positions and for keying random streams. For element-wise built-ins,
 * `temporaries` says which arguments are temporaries the function may overwrite.
 */
export type CallSite = { node: Node; temporaries?: boolean[] };

export const num = (value: number): Value => ({ type: "number", value });
export const bool = (value: boolean): Value => ({ type: "boolean", value });
export const samples = (data: Float64Array, boolean?: boolean): Value =>
  boolean ? { type: "samples", data, boolean } : { type: "samples", data };

export function describeType(value: Value): string {
  switch (value.type) {
    case "samples":
      return value.boolean ? "an uncertain condition" : "a distribution";
    case "series":
      return "a series";
    case "list":
      return "a list";
    case "record":
      return "a record";
    case "function":
      return "a function";
    default:
      return `a ${value.type}`;
  }
}
