/**
 * The seed-model notebooks (`prisma/templates/*.crux.json`) a new notebook can start from. They are imported
 * statically, not read from disk at run time, so the web app's bundle carries them wherever it is deployed; each is
 * checked by the notebook package's parser when this module loads, so a broken template fails fast (and in tests).
 */
import { type IdentifiedNotebookFile, parseNotebookFile } from "@crux/notebook";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import compoundingProductivity from "../../../../prisma/templates/000-compounding-productivity.crux.json";
import davidsonReturns from "../../../../prisma/templates/001-davidson-returns-to-software.crux.json";
import softwareOnlySingularity from "../../../../prisma/templates/001-software-only-singularity.crux.json";
import overhangsAndPausing from "../../../../prisma/templates/002-overhangs-and-pausing.crux.json";
import takeoffStoryTimeline from "../../../../prisma/templates/003-takeoff-story-timeline.crux.json";
import firstYearAfterAutomation from "../../../../prisma/templates/004-first-year-after-automation.crux.json";

/** Template id (the file's name without `.crux.json`) → its file as JSON. A test checks every file is listed here. */
const TEMPLATE_FILES: Record<string, unknown> = {
  "000-compounding-productivity": compoundingProductivity,
  "001-software-only-singularity": softwareOnlySingularity,
  "001-davidson-returns-to-software": davidsonReturns,
  "002-overhangs-and-pausing": overhangsAndPausing,
  "003-takeoff-story-timeline": takeoffStoryTimeline,
  "004-first-year-after-automation": firstYearAfterAutomation,
};

export const templateIdInput = z.object({ id: z.string().min(1).max(100) });
export const templateListOutput = z.array(
  z.object({ id: z.string(), title: z.string(), parameters: z.number(), models: z.number() }),
);

export type NotebookTemplate = { id: string; file: IdentifiedNotebookFile };

function parseTemplate(id: string, json: unknown): NotebookTemplate {
  const parsed = parseNotebookFile(json);
  if (!parsed.ok) throw new Error(`template ${id} is not a valid crux.notebook/1 file: ${parsed.error}`);
  return { id, file: parsed.notebook };
}

const TEMPLATES: NotebookTemplate[] = Object.entries(TEMPLATE_FILES).map(([id, json]) =>
  parseTemplate(id, json),
);

/** What a chooser shows of each template: enough to pick one without loading it. */
export function listTemplates() {
  return TEMPLATES.map(({ id, file }) => {
    const count = (kind: string) => file.cells.filter((cell) => cell.kind === kind).length;
    return { id, title: file.title, parameters: count("parameter"), models: count("model") };
  });
}

/** A template's whole file (cells with their ids), to import into a notebook; NOT_FOUND for an unknown id. */
export function getTemplate(id: string): IdentifiedNotebookFile {
  const template = TEMPLATES.find((candidate) => candidate.id === id);
  if (!template) throw new TRPCError({ code: "NOT_FOUND", message: `there is no template "${id}"` });
  return template.file;
}
