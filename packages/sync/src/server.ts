/**
 * createSyncServer: the Hocuspocus 4 server with Crux's extensions — access control (with periodic re-checks of
 * open connections), limits, presence, durable PostgreSQL persistence, the health endpoint and, when a Redis URL is
 * given, Redis fan-out between servers.
 * main.ts runs it as its own process; tests create it on port 0.
 */
import { randomUUID } from "node:crypto";
import type { Duplex } from "node:stream";
import type { PrismaClient } from "@crux/db";
import { Redis } from "@hocuspocus/extension-redis";
import { type Extension, type onDisconnectPayload, Server } from "@hocuspocus/server";
import IORedis from "ioredis";
import { AccessControl } from "./access";
import { AccessRecheck, type AccessRecheckStats, DEFAULT_ACCESS_RECHECK_MS } from "./access-recheck";
import { HealthEndpoint } from "./health";
import { DEFAULT_LIMITS, MessageLimits, type SyncLimits } from "./limits";
import { createJsonLogger, type Logger } from "./log";
import {
  DEFAULT_PERSISTENCE,
  DurablePersistence,
  type FlushReport,
  type PersistenceOptions,
} from "./persistence";
import { Presence } from "./presence";

export type SyncServerOptions = {
  db: PrismaClient;
  /** Shared with the API, which signs the sync tokens. */
  secret: string;
  port?: number;
  host?: string;
  /** Redis for fan-out between several sync servers; without it the server stands alone. */
  redisUrl?: string;
  /** Tells servers apart in logs and in Redis. */
  instanceName?: string;
  logger?: Logger;
  limits?: Partial<SyncLimits>;
  persistence?: Partial<PersistenceOptions>;
  onFlushed?: (report: FlushReport) => void;
  /** How often the access of open connections is re-checked in PostgreSQL (default 5 s). */
  accessRecheckMs?: number;
};

export type SyncServer = {
  server: Server;
  persistence: DurablePersistence;
  /** Counts of access re-check rounds and of documents re-checked. */
  readonly accessRecheck: AccessRecheckStats;
  /** Starts listening; resolves with the port (useful with port 0). */
  listen(): Promise<number>;
  /** ws://host:port of a listening server. */
  readonly url: string;
  readonly port: number;
  /** Graceful stop: closes connections, writes every pending update, disconnects from Redis. */
  close(): Promise<void>;
};

const SHUTDOWN_TIMEOUT_MS = 15_000;

export function createSyncServer(options: SyncServerOptions): SyncServer {
  const instanceName = options.instanceName ?? `sync-${randomUUID().slice(0, 8)}`;
  const log = options.logger ?? createJsonLogger({ service: "sync", instance: instanceName });
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const persistence = new DurablePersistence(
    options.db,
    log,
    { ...DEFAULT_PERSISTENCE, ...options.persistence },
    options.onFlushed,
  );
  const access = new AccessControl(options.db, options.secret, log);
  const extensions: Extension[] = [
    new HealthEndpoint(options.db, persistence, instanceName),
    access,
    new MessageLimits(limits, log),
    new Presence(),
    persistence,
    new ConnectionLog(log),
  ];
  if (options.redisUrl) extensions.push(redisExtension(options.redisUrl, instanceName));

  const server = new Server({
    name: instanceName,
    port: options.port ?? 0,
    address: options.host ?? "127.0.0.1",
    quiet: true,
    stopOnSignals: false,
    extensions,
    // A backstop: ws drops a frame this large before buffering it whole. Below it, MessageLimits closes the
    // connection itself at maxMessageBytes, with a logged reason.
    websocketOptions: { maxPayload: 2 * limits.maxMessageBytes },
  });

  const recheck = new AccessRecheck(
    options.db,
    () => server.hocuspocus.documents.values(),
    options.accessRecheckMs ?? DEFAULT_ACCESS_RECHECK_MS,
    log,
  );
  const sockets = trackSockets(server);
  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    access.refuseNewConnections();
    recheck.stop();
    const stopped = await withTimeout(server.destroy(), SHUTDOWN_TIMEOUT_MS);
    if (!stopped) log.warn("shutdown-timeout", { ms: SHUTDOWN_TIMEOUT_MS });
    // Hocuspocus closes each document's connection but leaves the WebSockets open; end them, so that clients
    // notice at once and reconnect (to another server behind the load balancer, or to this one restarted).
    for (const socket of sockets) socket.destroy();
    const unwritten = await persistence.flushAll();
    if (unwritten > 0) log.error("shutdown-with-unwritten-updates", { updates: unwritten });
    log.info("server-stopped", { unwritten });
  };

  return {
    server,
    persistence,
    accessRecheck: recheck.stats,
    async listen() {
      await server.listen();
      recheck.start();
      log.info("server-listening", { port: server.address.port, redis: Boolean(options.redisUrl) });
      return server.address.port;
    },
    get port() {
      return server.address.port;
    },
    get url() {
      return `ws://${options.host ?? "127.0.0.1"}:${server.address.port}`;
    },
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}

/** Every upgraded socket of the server, until it closes. */
function trackSockets(server: Server): Set<Duplex> {
  const sockets = new Set<Duplex>();
  server.httpServer.on("upgrade", (_request, socket: Duplex) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  return sockets;
}

function redisExtension(url: string, identifier: string): Redis {
  return new Redis({
    identifier,
    prefix: "crux-sync",
    createClient: () => new IORedis(url, { maxRetriesPerRequest: 3 }),
  });
}

/** Connection and disconnection lines for the structured log. */
class ConnectionLog implements Extension {
  extensionName = "crux-connection-log";

  constructor(private readonly log: Logger) {}

  async onDisconnect({ documentName, socketId, clientsCount }: onDisconnectPayload) {
    this.log.info("connection-closed", { documentName, socketId, remaining: clientsCount });
  }
}

function withTimeout(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([promise.then(() => true), timeout]).finally(() => clearTimeout(timer));
}
