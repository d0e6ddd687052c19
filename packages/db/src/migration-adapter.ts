/**
 * The driver adapter that Prisma's JavaScript schema engine (prisma.config.ts, `engine: "js"`) migrates through.
 *
 * Two workarounds for @prisma/adapter-pg 6.19.3, both only on this migration path:
 * - catalog column types (name, "char", oidvector, regclass, ...) are presented as text: the adapter rejects them
 *   ("Column type 'name' could not be deserialized", open Prisma bug #27403) while pg already decodes them as
 *   strings;
 * - the shadow database that `migrate dev` uses is dropped after its connections are closed (the stock adapter drops
 *   it first, which PostgreSQL refuses: "database ... is being accessed by other users").
 */
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";

const TEXT_TYPE_ID = 25;
// name, "char", int2vector, regproc, oidvector, pg_node_tree, regclass, regconfig
const CATALOG_TYPE_IDS = new Set([18, 19, 22, 24, 30, 194, 2205, 3734]);

function presentCatalogTypesAsText<T>(result: T): T {
  for (const field of (result as { fields?: { dataTypeID: number }[] }).fields ?? []) {
    if (CATALOG_TYPE_IDS.has(field.dataTypeID)) field.dataTypeID = TEXT_TYPE_ID;
  }
  return result;
}

type QueryCallback = (error: Error | null, result: unknown) => void;

export class CatalogTypesAsTextClient extends pg.Client {
  // pg's query() has many overloads (promise or callback); this wrapper handles both and changes only `fields`.
  // biome-ignore lint/suspicious/noExplicitAny: forwards pg's overloaded signature unchanged
  override query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      const callback = last as QueryCallback;
      args[args.length - 1] = (error: Error | null, result: unknown) =>
        callback(error, error ? result : presentCatalogTypesAsText(result));
      // biome-ignore lint/suspicious/noExplicitAny: see above
      return (super.query as any)(...args);
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above
    const returned = (super.query as any)(...args);
    return returned instanceof Promise ? returned.then(presentCatalogTypesAsText) : returned;
  }
}

class MigrationAdapterFactory extends PrismaPg {
  constructor(private readonly poolConfig: pg.PoolConfig) {
    super(poolConfig);
  }

  override async connectToShadowDb(): ReturnType<PrismaPg["connectToShadowDb"]> {
    const main = await this.connect();
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${name}"`);
    const shadow = await new PrismaPg({ ...this.poolConfig, database: name }).connect();
    const closeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await closeShadow();
      await main.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
      await main.dispose();
    };
    return shadow;
  }
}

/**
 * The URL is split into fields rather than passed as `connectionString`, because the shadow database is reached by
 * overriding `database`, which a connection string would silently win over.
 */
export function createMigrationAdapter(url: string): PrismaPg {
  const { connectionString: _unused, ...fields } = parseIntoClientConfig(url);
  return new MigrationAdapterFactory({
    ...fields,
    Client: CatalogTypesAsTextClient,
    connectionTimeoutMillis: 10_000,
    // The CLI never closes this pool: without this, its finished process lingers until idle connections time out.
    allowExitOnIdle: true,
  });
}
