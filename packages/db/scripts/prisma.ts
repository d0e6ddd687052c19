/**
 * Developer entry points for the Prisma CLI without network access (see src/prisma-cli.ts):
 *   tsx scripts/prisma.ts generate             -> the package's `build`
 *   tsx scripts/prisma.ts migrate:new <name>   -> `npm run migrate:new -w @crux/db -- <name>`
 * migrate:new runs `prisma migrate dev --name <name>` against DATABASE_URL, a development database: it writes the
 * migration to prisma/migrations, applies it there and regenerates the client (it also creates and drops a temporary
 * shadow database on that server). `--create-only` is not offered: Prisma 6.19's JS schema engine crashes on exit
 * with it ("null pointer passed to rust").
 */
import { databaseUrlFromEnv } from "../src/env";
import { runPrismaCli } from "../src/prisma-cli";

const [command, ...rest] = process.argv.slice(2);

async function main(): Promise<void> {
  if (command === "generate") {
    await runPrismaCli(["generate"], { inheritOutput: true });
  } else if (command === "migrate:new" && rest[0]) {
    await runPrismaCli(["migrate", "dev", "--name", rest[0]], {
      databaseUrl: databaseUrlFromEnv(),
      inheritOutput: true,
    });
  } else {
    throw new Error("usage: tsx scripts/prisma.ts generate | migrate:new <name>");
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
