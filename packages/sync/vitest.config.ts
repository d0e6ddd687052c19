import { defineProject } from "vitest/config";

// Redis is a real part like PostgreSQL, but optional on a developer's machine: CI exports REDIS_URL when its Redis
// answers (.ci/run), and only then do the scale-out tests run. Everything else needs PostgreSQL only.
const redisUrl = process.env.REDIS_URL ?? "";

export default defineProject({
  test: {
    name: "sync",
    include: ["test/**/*.test.ts"],
    exclude: redisUrl ? [] : ["test/redis.test.ts"],
    provide: { redisUrl },
    // The same real database as @crux/db's tests: DATABASE_URL from the root runner, else a fresh local one.
    globalSetup: ["../db/test/global-setup.ts"],
    // Real servers, sockets and child processes: seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
