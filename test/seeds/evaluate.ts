import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, expect, it } from "vitest";
import { z } from "zod";

const root = path.resolve(import.meta.dirname, "../..");
export const templatesDir = path.join(root, "prisma/templates");

const cliOutputSchema = z.object({ cells: z.record(z.string(), z.looseObject({ type: z.string() })) });
export type Cells = z.infer<typeof cliOutputSchema>["cells"];

/** `crux eval FILE --json` on a template notebook: its cells by name. */
export async function evaluateTemplate(file: string): Promise<Cells> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(root, "packages/cli/bin/crux.js"), "eval", path.join(templatesDir, file), "--json"],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return cliOutputSchema.parse(JSON.parse(stdout)).cells;
}

/**
 * Evaluates a template once for the enclosing describe block (one `crux eval` run shared by its tests), checks that
 * no cell is an error, and returns an accessor for the cells. The run starts when the block is collected, so the
 * templates of one test file evaluate in parallel.
 */
export function useEvaluatedTemplate(file: string): () => Cells {
  const evaluation = evaluateTemplate(file);
  let cells: Cells | undefined;
  beforeAll(async () => {
    cells = await evaluation;
  });
  it(`${file} evaluates with no error cells`, () => {
    const errors = Object.entries(evaluated()).filter(([, cell]) => cell.type === "error");
    expect(errors).toEqual([]);
  });
  function evaluated(): Cells {
    if (!cells) throw new Error(`${file} was not evaluated`);
    return cells;
  }
  return evaluated;
}

const blowupSchema = z.object({ fraction: z.number(), p50: z.number() });
const seriesSchema = z.object({ type: z.literal("series"), blowup: blowupSchema.optional() });

/** The blow-up report of a series cell: the fraction of samples that blow up and their median time. */
export function blowup(cells: Cells, name: string): z.infer<typeof blowupSchema> {
  const report = seriesSchema.parse(cells[name]).blowup;
  if (!report) throw new Error(`${name} reports no blow-up`);
  return report;
}

/** Whether a series cell reports any blow-up. */
export function blowsUp(cells: Cells, name: string): boolean {
  return seriesSchema.parse(cells[name]).blowup !== undefined;
}

const distributionSchema = z.object({
  type: z.literal("distribution"),
  min: z.number(),
  max: z.number(),
  p5: z.number(),
  p25: z.number(),
  p50: z.number(),
  p75: z.number(),
  p95: z.number(),
});

/** The range and percentiles of a distribution cell. */
export function distribution(cells: Cells, name: string): z.infer<typeof distributionSchema> {
  return distributionSchema.parse(cells[name]);
}

/** The values of a list-of-numbers cell. */
export function numbers(cells: Cells, name: string): number[] {
  return z.object({ type: z.literal("list"), value: z.array(z.number()) }).parse(cells[name]).value;
}

/** The value of a number cell. */
export function number(cells: Cells, name: string): number {
  return z.object({ type: z.literal("number"), value: z.number() }).parse(cells[name]).value;
}

/** Within a relative tolerance that reflects the rounding of the source ("~350", "19x"). */
export function expectClose(actual: number, expected: number, relativeTolerance: number): void {
  if (Math.abs(actual - expected) > relativeTolerance * Math.abs(expected))
    throw new Error(`expected ${actual} to be within ${relativeTolerance * 100}% of ${expected}`);
}
