/** `npm run migrate`: apply pending migrations to the server named by DATABASE_URL (used by docker-compose). */
import { migrateDatabase } from "@crux/db";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("[migrate] DATABASE_URL is not set: say which PostgreSQL to migrate");
  process.exit(1);
}
await migrateDatabase(url);
console.log("[migrate] database is up to date");
