import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "e2e",
    include: ["**/*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    // A real browser against the production build: seconds per step, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
