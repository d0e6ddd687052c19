/**
 * Runs the Prisma CLI (generate, migrate) as a child process with no network access to Prisma's servers.
 *
 * - `engine: "js"` in prisma.config.ts makes migrations use Prisma's WebAssembly schema engine over @prisma/adapter-pg.
 * - `prisma generate` does not use an engine but insists that one exists, and would otherwise download it: pointing
 *   the engine variables at an existing file (the CLI itself) satisfies the check. Nothing ever executes that file.
 * - CHECKPOINT_DISABLE stops the CLI's version check, which would wait on an unreachable server.
 * - prisma-cli-preload.cjs stops a stray engine timer from holding the finished CLI for 10 s.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { childProcessEnv } from "./env";

export type PrismaCliOptions = {
  /** The database the command works on; omitted for commands that need none (generate). */
  databaseUrl?: string;
  /** Show the CLI's output (developer commands) instead of capturing it for error messages (programmatic use). */
  inheritOutput?: boolean;
};

export async function runPrismaCli(args: string[], options: PrismaCliOptions = {}): Promise<string> {
  // Paths are resolved on use, not at import: in bundles (Next) this module is loaded but never run.
  const prismaCliPath = createRequire(import.meta.url).resolve("prisma/build/index.js");
  // packages/db, where prisma.config.ts lives, so that the CLI finds it.
  const dbPackageDir = path.resolve(import.meta.dirname, "..");
  const env = childProcessEnv({
    PRISMA_SCHEMA_ENGINE_BINARY: prismaCliPath,
    PRISMA_QUERY_ENGINE_LIBRARY: prismaCliPath,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
  const preload = path.join(import.meta.dirname, "prisma-cli-preload.cjs");
  const child = spawn(process.execPath, ["--require", preload, prismaCliPath, ...args], {
    cwd: dbPackageDir,
    env,
    stdio: options.inheritOutput ? "inherit" : "pipe",
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
  if (exitCode !== 0) throw new Error(`prisma ${args.join(" ")} failed (exit ${exitCode})\n${output.trim()}`);
  return output;
}
