/**
 * Prisma clients over node-postgres (@prisma/adapter-pg): no native query engine, pool with a connection timeout
 * (pg waits forever by default, so a dead database would hang requests instead of failing them).
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrlFromEnv } from "./env";
import { PrismaClient } from "./generated/prisma/client";

const CONNECTION_TIMEOUT_MS = 10_000;

export function createPrismaClient(url: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, connectionTimeoutMillis: CONNECTION_TIMEOUT_MS });
  return new PrismaClient({ adapter });
}

// Cached on globalThis, not in a module variable: Next's hot reload re-evaluates modules, and a client per reload
// would exhaust PostgreSQL's connections.
const globalForPrisma = globalThis as typeof globalThis & { cruxPrisma?: PrismaClient };

/** The process' one client, for the database named by DATABASE_URL. */
export function getPrisma(): PrismaClient {
  globalForPrisma.cruxPrisma ??= createPrismaClient(databaseUrlFromEnv());
  return globalForPrisma.cruxPrisma;
}
