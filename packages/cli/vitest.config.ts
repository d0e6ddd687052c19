import { defineProject } from "vitest/config";

// Runs the built command (`npm run build -w @crux/cli`, part of `npm test`), as a user would.
export default defineProject({
  test: { name: "cli", include: ["test/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 30_000 },
});
