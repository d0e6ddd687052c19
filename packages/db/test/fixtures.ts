import { randomUUID } from "node:crypto";
import pg from "pg";
import type { PrismaClient } from "../src/generated/prisma/client";

/** A user owning a new notebook, with unique ids so that test files can share one database. */
export async function createNotebook(db: PrismaClient): Promise<string> {
  const userId = randomUUID();
  await db.user.create({ data: { id: userId, name: "Tester", email: `${userId}@example.test` } });
  const notebook = await db.notebook.create({ data: { title: "Test notebook", ownerId: userId } });
  return notebook.id;
}

/** Runs one query on its own connection, outside Prisma, to observe the database independently. */
export async function queryDirectly<Row extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
