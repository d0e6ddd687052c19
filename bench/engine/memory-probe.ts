/**
 * Peak memory of one evaluation, measured in a fresh process so nothing else the benchmark did counts:
 * `node --import tsx bench/engine/memory-probe.ts <samples> <chain length>` prints one JSON line.
 */
import { evaluateNotebook } from "@crux/engine";
import { z } from "zod";
import { chainCells } from "./chain-model";

const [samples, chainLength] = z
  .tuple([z.coerce.number().int().positive(), z.coerce.number().int().positive()])
  .parse(process.argv.slice(2));

const kilobytesToMegabytes = (kb: number) => kb / 1024;
const baselineMb = process.memoryUsage().rss / 2 ** 20;
const cells = chainCells(chainLength);
const started = performance.now();
const summaries = evaluateNotebook(cells, { samples, seed: 1 });
const ms = performance.now() - started;
const errors = [...summaries.values()].filter((s) => s.type === "error").length;
const peakMb = kilobytesToMegabytes(process.resourceUsage().maxRSS);
console.log(JSON.stringify({ samples, cells: cells.length, ms, errors, baselineMb, peakMb }));
