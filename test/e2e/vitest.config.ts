import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "e2e",
    include: ["**/*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    // A real browser against the production build takes seconds per step, and the whole suite shares two cores
    // with the other projects' tests: generous limits.
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
