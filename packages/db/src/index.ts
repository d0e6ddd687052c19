/** @crux/db: Prisma client, migrations, embedded PostgreSQL, test databases and the Yjs document store. */
export { createPrismaClient, getPrisma } from "./client";
export { appendDocumentUpdate, compactDocument, loadDocumentState } from "./document-store";
export {
  DEFAULT_EMBEDDED_PORT,
  type EmbeddedPostgresOptions,
  type RunningPostgres,
  startEmbeddedPostgres,
} from "./embedded-postgres";
export type {
  Account,
  Notebook,
  NotebookMember,
  NotebookUpdate,
  PrismaClient,
  Session,
  User,
  Verification,
} from "./generated/prisma/client";
export { NotebookRole, NotebookVisibility, Prisma } from "./generated/prisma/client";
export { migrateDatabase } from "./migrate";
export { createTestDatabase, dropTestDatabase, type TestDatabase } from "./test-database";
