import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "api",
    include: ["test/**/*.test.ts"],
    // The same real database as @crux/db's tests: DATABASE_URL from the root runner, else a fresh local one.
    globalSetup: ["../db/test/global-setup.ts"],
    testTimeout: 30_000,
  },
});
