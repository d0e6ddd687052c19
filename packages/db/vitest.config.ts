import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "db",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Starting PostgreSQL and running the Prisma CLI take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
