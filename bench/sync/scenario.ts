/**
 * One measured configuration: N simulated clients spread over M notebooks, each typing into cells and now and then
 * moving one, for S seconds, first through the Crux sync server, then through the bare relay (same workload, same
 * seeds). The clients together make `editsPerSecond` edits a second, each at random moments (so with more clients,
 * each one edits less often: 10 clients type about twice a second each, 200 clients once every ten seconds).
 */
import { randomUUID } from "node:crypto";
import { appendDocumentUpdate, createPrismaClient, loadDocumentState, type PrismaClient } from "@crux/db";
import {
  createNotebookDoc,
  editCellText,
  encodeNotebookState,
  LOCAL_ORIGIN,
  moveCell,
  orderedCells,
} from "@crux/notebook";
import { NodeWebSocket } from "@crux/sync";
import { connectNotebook, type NotebookConnection } from "@crux/sync/client";
import { signSyncToken } from "@crux/sync-token";
import * as Y from "yjs";
import type { ServerProcess } from "./processes";
import { SYNC_SECRET } from "./processes";
import { connectToRelay } from "./relay-client";
import { EditTracker, percentile } from "./tracker";

export type Config = { clients: number; notebooks: number; seconds: number; editsPerSecond: number };

export type SideResult = {
  p50: number;
  p99: number;
  edits: number;
  deliveries: number;
  lost: number;
  persistLagP50?: number;
  persistLagP99?: number;
  rssIdleMb: number;
  rssMb: number;
};

type Client = { doc: Y.Doc; notebook: number; edits: boolean; close(): Promise<void> | void };

/**
 * Where the connections go: client i edits notebook i mod M. With fewer clients than notebooks only as many
 * notebooks are opened as there are clients, and a notebook with a single client also gets a silent observer (it
 * never edits), so that every edit has someone to reach; observers are counted in `observers`.
 */
export function placements(config: Config): { notebook: number; edits: boolean }[] {
  const open = Math.min(config.notebooks, config.clients);
  const clients = Array.from({ length: config.clients }, (_, index) => ({
    notebook: index % open,
    edits: true,
  }));
  const lonely = Array.from({ length: open }, (_, notebook) => notebook).filter(
    (notebook) => clients.filter((client) => client.notebook === notebook).length === 1,
  );
  return [...clients, ...lonely.map((notebook) => ({ notebook, edits: false }))];
}

function openNotebooks(config: Config): number {
  return Math.min(config.notebooks, config.clients);
}

const CELLS_PER_NOTEBOOK = 8;
const SETTLE_TIMEOUT_MS = 60_000;
const PERSIST_POLL_MS = 20;

function seedDoc(): Y.Doc {
  return createNotebookDoc({
    format: "crux.notebook/1",
    title: "Bench",
    settings: { samples: 1000, seed: 1 },
    cells: Array.from({ length: CELLS_PER_NOTEBOOK }, (_, i) => ({
      kind: "model" as const,
      id: `c${i}`,
      name: `c${i}`,
      expr: `${i}`,
    })),
  });
}

/** Through the sync server: notebooks and members in PostgreSQL, each client with its own signed token. */
export async function measureSync(
  config: Config,
  server: ServerProcess,
  databaseUrl: string,
): Promise<SideResult> {
  const db = createPrismaClient(databaseUrl);
  try {
    const { notebookIds, userId } = await createNotebooks(db, openNotebooks(config));
    const rssIdleMb = server.rssMb();
    const tracker = new EditTracker();
    const clients = await Promise.all(
      placements(config).map(async ({ notebook, edits }, index) => {
        const notebookId = notebookIds[notebook] as string;
        const doc = new Y.Doc();
        const token = () =>
          signSyncToken(
            { userId, notebookId, role: "EDITOR", name: `Client ${index}`, color: "#3b82f6" },
            { secret: SYNC_SECRET },
          );
        const connection = connectNotebook({
          url: server.url,
          notebookId,
          token,
          doc,
          WebSocketPolyfill: NodeWebSocket,
        });
        await connection.whenOnline();
        return { doc, notebook, edits, close: () => (connection as NotebookConnection).destroy() };
      }),
    );
    const probe = watchStoredRows(db, tracker);
    const result = await runWorkload(config, clients, tracker, server);
    // A timeout is no failure here: whatever never arrived is counted as lost below.
    await waitUntil(() => tracker.allStored(), "every edit stored").catch(() => undefined);
    await probe.stop();
    let lost = 0;
    for (const [notebook, notebookId] of notebookIds.entries()) {
      const stored = (await loadDocumentState(db, notebookId)) ?? new Uint8Array();
      lost += tracker.lostIn(docsOf(clients, notebook), stored);
    }
    await Promise.all(clients.map((client) => client.close()));
    return {
      ...result,
      lost,
      persistLagP50: percentile(tracker.persistLags, 50),
      persistLagP99: percentile(tracker.persistLags, 99),
      rssIdleMb,
    };
  } finally {
    await db.$disconnect();
  }
}

/** Through the bare relay: every client starts from the same seeded state (the relay has no store to load). */
export async function measureBaseline(config: Config, relay: ServerProcess): Promise<SideResult> {
  const seed = encodeNotebookState(seedDoc());
  const rssIdleMb = relay.rssMb();
  const tracker = new EditTracker();
  const clients = await Promise.all(
    placements(config).map(async ({ notebook, edits }) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, seed);
      const connection = await connectToRelay(`${relay.url}/notebook-${notebook}`, doc);
      return { doc, notebook, edits, close: () => connection.close() };
    }),
  );
  const result = await runWorkload(config, clients, tracker, relay);
  let lost = 0;
  for (let notebook = 0; notebook < openNotebooks(config); notebook++)
    lost += tracker.lostIn(docsOf(clients, notebook));
  await Promise.all(clients.map((client) => client.close()));
  return { ...result, lost, rssIdleMb };
}

async function createNotebooks(db: PrismaClient, count: number) {
  const id = randomUUID();
  const user = await db.user.create({ data: { id, name: "Bench", email: `bench-${id}@example.test` } });
  const seed = encodeNotebookState(seedDoc());
  const notebookIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const notebook = await db.notebook.create({
      data: {
        title: `Bench ${i}`,
        ownerId: user.id,
        members: { create: { userId: user.id, role: "OWNER" } },
      },
    });
    await appendDocumentUpdate(db, notebook.id, seed);
    notebookIds.push(notebook.id);
  }
  return { notebookIds, userId: user.id };
}

/** Edits for `config.seconds`, then waits until every notebook's clients hold the same state. */
async function runWorkload(config: Config, clients: Client[], tracker: EditTracker, server: ServerProcess) {
  for (const client of clients)
    client.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== LOCAL_ORIGIN) tracker.received(client.doc, update);
    });
  let editing = true;
  // Not awaited: a loop asleep in its gap ends when it wakes and finds the time is up.
  const meanIntervalMs = (1000 * config.clients) / config.editsPerSecond;
  for (const client of clients)
    if (client.edits) void editLoop(client.doc, meanIntervalMs, tracker, () => editing);
  await pause(config.seconds * 1000);
  const rssMb = server.rssMb();
  editing = false;
  // A timeout is no failure here: whatever never arrived is counted as lost.
  await waitUntil(
    () => Array.from({ length: openNotebooks(config) }, (_, n) => docsOf(clients, n)).every(sameState),
    "clients converge",
  ).catch(() => undefined);
  return {
    p50: percentile(tracker.latencies, 50),
    p99: percentile(tracker.latencies, 99),
    edits: tracker.editCount,
    deliveries: tracker.latencies.length,
    rssMb,
  };
}

/** One client typing at random moments: exponential gaps make all clients together a Poisson process of edits. */
async function editLoop(doc: Y.Doc, meanIntervalMs: number, tracker: EditTracker, going: () => boolean) {
  for (;;) {
    await pause(-Math.log(1 - Math.random()) * meanIntervalMs);
    if (!going()) return;
    if (randomEdit(doc)) tracker.edited(doc);
  }
}

/** A character typed into a random cell (85%) or a random cell moved before another (15%); false if nothing. */
function randomEdit(doc: Y.Doc): boolean {
  const cells = orderedCells(doc);
  const pick = () => cells[Math.floor(Math.random() * cells.length)];
  const cell = pick();
  if (!cell || cell.kind === "text") return false;
  if (Math.random() < 0.85) {
    const index = Math.floor(Math.random() * (cell.expr.length + 1));
    editCellText(doc, cell.id, { index, insert: String.fromCharCode(97 + Math.floor(Math.random() * 26)) });
    return true;
  }
  const anchor = pick();
  if (!anchor || anchor.id === cell.id) return false;
  moveCell(doc, cell.id, { before: anchor.id });
  return true;
}

/** Tails the update table: each new row's edits count as stored when the row is seen. */
function watchStoredRows(db: PrismaClient, tracker: EditTracker) {
  let lastId = 0n;
  let watching = true;
  const loop = (async () => {
    while (watching) {
      const rows = await db.notebookUpdate.findMany({
        where: { id: { gt: lastId } },
        orderBy: { id: "asc" },
        select: { id: true, update: true },
      });
      for (const row of rows) {
        tracker.stored(row.update);
        lastId = row.id;
      }
      await pause(PERSIST_POLL_MS);
    }
  })();
  return {
    async stop() {
      watching = false;
      await loop;
    },
  };
}

function docsOf(clients: Client[], notebook: number): Y.Doc[] {
  return clients.filter((client) => client.notebook === notebook).map((client) => client.doc);
}

function sameState(docs: Y.Doc[]): boolean {
  const first = docs[0];
  if (!first) return true;
  const vector = Buffer.from(Y.encodeStateVector(first));
  return docs.every((doc) => vector.equals(Buffer.from(Y.encodeStateVector(doc))));
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await pause(20);
  }
}
