/** Structured logs: one JSON object per line on stdout (errors on stderr), with a time, level and event name. */
import { format } from "node:util";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;
export type Logger = {
  [level in LogLevel]: (event: string, fields?: LogFields) => void;
};
export type LogEntry = { level: LogLevel; event: string } & LogFields;

const LEVEL_RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function createJsonLogger(
  bindings: LogFields = {},
  minimum: LogLevel = "info",
  write: (entry: LogEntry) => void = writeLine,
): Logger {
  const log =
    (level: LogLevel) =>
    (event: string, fields: LogFields = {}): void => {
      if (LEVEL_RANK[level] < LEVEL_RANK[minimum]) return;
      write({ time: new Date().toISOString(), level, event, ...bindings, ...serialisable(fields) });
    };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

function writeLine(entry: LogEntry): void {
  const stream = entry.level === "error" || entry.level === "warn" ? process.stderr : process.stdout;
  stream.write(`${JSON.stringify(entry)}\n`);
}

/** Errors become { message, stack }: JSON.stringify would turn them into {}. */
function serialisable(fields: LogFields): LogFields {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [
      key,
      value instanceof Error ? { message: value.message, name: value.name, stack: value.stack } : value,
    ]),
  );
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sends what libraries print through `console` (Hocuspocus reports closed connections and some hook errors that
 * way, ioredis its reconnections) to the structured log, so that every line the process writes is JSON.
 */
export function routeConsoleTo(log: Logger): void {
  const forward =
    (level: LogLevel) =>
    (...args: unknown[]): void =>
      log[level]("library-output", { message: format(...args) });
  console.error = forward("error");
  console.warn = forward("warn");
  console.info = forward("info");
  console.log = forward("info");
  console.debug = forward("debug");
}
