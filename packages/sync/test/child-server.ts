/** The sync server as a real child process (src/main.ts), for crash and signal tests. */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { childProcessEnv } from "../src/env";
import { databaseUrl, onCleanUp, SECRET, waitFor } from "./harness";

const packageDir = path.resolve(import.meta.dirname, "..");

export type ChildServer = {
  child: ChildProcess;
  output: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

export async function startChildServer(
  port: number,
  extraEnv: Record<string, string> = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: packageDir,
    env: childProcessEnv({
      SYNC_PORT: String(port),
      SYNC_HOST: "127.0.0.1",
      CRUX_SYNC_SECRET: SECRET,
      DATABASE_URL: databaseUrl,
      ...extraEnv,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString().split("\n").filter(Boolean));
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  onCleanUp(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exit;
  });
  await waitFor(
    () => output.some((line) => line.includes('"server-listening"')) || child.exitCode !== null,
    "child server listening",
    30_000,
  );
  if (child.exitCode !== null) throw new Error(`sync server exited at start:\n${output.join("\n")}`);
  return { child, output, exit };
}
