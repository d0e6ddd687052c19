/**
 * The `crux` command. `crux eval` is the contract of NOTEBOOK-FORMAT.md; `crux export` and `crux bench` are ours.
 * Exit 0 when the command ran (a notebook with error cells included); 1 with a one-line reason on stderr otherwise.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { MAX_SAMPLES } from "@crux/notebook";
import { benchCommand } from "./bench-command";
import { evalCommand } from "./eval-command";
import { exportCommand } from "./export-command";
import { UsageError } from "./load";

const USAGE = `usage:
  crux eval FILE [--samples N] [--seed S] [--sensitivity] [--first-order] [--json]
  crux export FILE [--format markdown|csv] [--samples N] [--seed S] [--sensitivity] [--output PATH]
  crux bench FILE [--samples N1,N2,...] [--repeat R] [--seed S] [--json]

eval     evaluates every parameter and model cell of a crux.notebook/1 file
  --samples N     Monte Carlo samples (1..${MAX_SAMPLES}), overriding the file's settings
  --seed S        random seed (an integer), overriding the file's settings
  --sensitivity   add each distribution's rank correlation with the parameters it depends on
  --first-order   add each parameter's first-order variance share (Sobol index) with its standard error
  --json          print one JSON object instead of a table
export   writes the notebook with its results: a Markdown report (default) or CSV of the summaries
  --output PATH   write to PATH instead of stdout
bench    times evaluation from scratch at each sample count (default 1000,10000), per cell too
  --repeat R      timed runs per sample count (default 3; the median is shown)`;

type Values = ReturnType<typeof parseArgs>["values"];
type Command = {
  options: NonNullable<ParseArgsConfig["options"]>;
  run: (file: string, values: Values) => string;
};

const text = (values: Values, key: string) => (typeof values[key] === "string" ? values[key] : undefined);
const flag = (values: Values, key: string) => values[key] === true;

const shared = {
  samples: { type: "string" },
  seed: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

const COMMANDS: Record<string, Command> = {
  eval: {
    options: {
      ...shared,
      sensitivity: { type: "boolean", default: false },
      "first-order": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
    run: (file, values) =>
      evalCommand(file, {
        samples: text(values, "samples"),
        seed: text(values, "seed"),
        sensitivity: flag(values, "sensitivity"),
        firstOrder: flag(values, "first-order"),
        json: flag(values, "json"),
      }),
  },
  export: {
    options: {
      ...shared,
      format: { type: "string" },
      output: { type: "string", short: "o" },
      sensitivity: { type: "boolean", default: false },
    },
    run: (file, values) =>
      exportCommand(file, {
        samples: text(values, "samples"),
        seed: text(values, "seed"),
        format: text(values, "format"),
        output: text(values, "output"),
        sensitivity: flag(values, "sensitivity"),
      }),
  },
  bench: {
    options: { ...shared, repeat: { type: "string" }, json: { type: "boolean", default: false } },
    run: (file, values) =>
      benchCommand(file, {
        samples: text(values, "samples"),
        seed: text(values, "seed"),
        repeat: text(values, "repeat"),
        json: flag(values, "json"),
      }),
  },
};

export function run(argv: string[]): { stdout: string; exitCode: number } {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h") return { stdout: USAGE, exitCode: 0 };
  if (!command || !Object.hasOwn(COMMANDS, command)) throw new UsageError(USAGE);
  const { options, run: runCommand } = COMMANDS[command] as Command;
  const { positionals, values } = parseArgs({ args: rest, allowPositionals: true, options });
  if (values.help) return { stdout: USAGE, exitCode: 0 };
  const [file, ...extra] = positionals;
  if (!file || extra.length) throw new UsageError(USAGE);
  return { stdout: runCommand(file, values), exitCode: 0 };
}

export function main(argv: string[]): number {
  try {
    const { stdout, exitCode } = run(argv);
    process.stdout.write(`${stdout}\n`);
    return exitCode;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`crux: ${message}\n`);
    return 1;
  }
}
