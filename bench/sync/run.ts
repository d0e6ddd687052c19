/**
 * `npm run bench:sync`: co-editing through the Crux sync server against a bare Yjs relay, in one run.
 *
 *   npm run -s bench:sync -- --clients N --notebooks M --seconds S --json   one configuration, one JSON object
 *   npm run bench:sync                                                       the matrix, as a table
 *
 * Options: --rate (edits per second by all clients together, default 20: the simulated clients share one process,
 * which must apply every edit once per other client of its notebook). Uses DATABASE_URL's PostgreSQL server
 * (a fresh database, dropped afterwards) or an embedded PostgreSQL, and REDIS_URL when set (the sync server then
 * runs with its Redis extension, as in production). Progress goes to stderr.
 */
import { createServer } from "node:net";
import { parseArgs } from "node:util";
import { startDatabase, startRelay, startSyncServer } from "./processes";
import { type Config, measureBaseline, measureSync, placements, type SideResult } from "./scenario";

const MATRIX_CLIENTS = [10, 50, 200];
const MATRIX_NOTEBOOKS = [1, 10, 50];
const MATRIX_SECONDS = 4;

type Row = { config: Config; sync: SideResult; baseline: SideResult };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      clients: { type: "string" },
      notebooks: { type: "string" },
      seconds: { type: "string" },
      rate: { type: "string", default: "20" },
      json: { type: "boolean", default: false },
    },
  });
  const editsPerSecond = positive(values.rate, "--rate");
  const single =
    values.clients !== undefined || values.notebooks !== undefined || values.seconds !== undefined;
  const configs: Config[] = single
    ? [
        {
          clients: positive(values.clients ?? "10", "--clients"),
          notebooks: positive(values.notebooks ?? "1", "--notebooks"),
          seconds: positive(values.seconds ?? "10", "--seconds"),
          editsPerSecond,
        },
      ]
    : MATRIX_CLIENTS.flatMap((clients) =>
        MATRIX_NOTEBOOKS.map((notebooks) => ({
          clients,
          notebooks,
          seconds: MATRIX_SECONDS,
          editsPerSecond,
        })),
      );

  const database = await startDatabase(process.env.DATABASE_URL, await freePort());
  const rows: Row[] = [];
  try {
    for (const config of configs) rows.push(await measure(config, database.url));
  } finally {
    await database.stop();
  }
  if (values.json) console.log(JSON.stringify(jsonOf(rows[0] as Row)));
  else printTable(rows);
}

/** Fresh server processes for each side, so that neither inherits the other's memory or documents. */
async function measure(config: Config, databaseUrl: string): Promise<Row> {
  const observers = placements(config).length - config.clients;
  const label = `${config.clients} clients (+${observers} observers) on ${config.notebooks} notebook(s), ${config.seconds} s`;
  progress(`${label}: sync server${process.env.REDIS_URL ? " (with Redis)" : ""}`);
  const server = await startSyncServer({
    port: await freePort(),
    databaseUrl,
    redisUrl: process.env.REDIS_URL,
  });
  const sync = await measureSync(config, server, databaseUrl).finally(() => server.stop());
  progress(`${label}: bare relay`);
  const relay = await startRelay(await freePort());
  const baseline = await measureBaseline(config, relay).finally(() => relay.stop());
  return { config, sync, baseline };
}

function jsonOf({ config, sync, baseline }: Row) {
  return {
    clients: config.clients,
    notebooks: config.notebooks,
    p50_ms: round(sync.p50),
    p99_ms: round(sync.p99),
    persist_lag_p99_ms: round(sync.persistLagP99 ?? Number.NaN),
    lost: sync.lost,
    baseline_p50_ms: round(baseline.p50),
    baseline_p99_ms: round(baseline.p99),
    server_rss_mb: round(sync.rssMb),
  };
}

function printTable(rows: Row[]): void {
  const header = [
    "clients",
    "notebooks",
    "observers",
    "edits",
    "p50 ms",
    "p99 ms",
    "relay p50",
    "relay p99",
    "p99 / relay",
    "persist p50",
    "persist p99",
    "lost",
    "server MB",
    "KB/conn",
  ];
  const lines = rows.map(({ config, sync, baseline }) => [
    config.clients,
    config.notebooks,
    placements(config).length - config.clients,
    sync.edits,
    round(sync.p50),
    round(sync.p99),
    round(baseline.p50),
    round(baseline.p99),
    round(sync.p99 / baseline.p99),
    round(sync.persistLagP50 ?? Number.NaN),
    round(sync.persistLagP99 ?? Number.NaN),
    sync.lost,
    round(sync.rssMb),
    Math.round(((sync.rssMb - sync.rssIdleMb) * 1024) / config.clients),
  ]);
  console.log(`| ${header.join(" | ")} |`);
  console.log(`| ${header.map(() => "---:").join(" | ")} |`);
  for (const line of lines) console.log(`| ${line.join(" | ")} |`);
}

function positive(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${text}"`);
  return value;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function progress(message: string): void {
  process.stderr.write(`[bench:sync] ${message}\n`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `[bench:sync] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
