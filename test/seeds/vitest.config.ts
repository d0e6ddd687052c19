import { defineProject } from "vitest/config";

// Evaluates the template notebooks with the built `crux` command, as a user would.
export default defineProject({
  test: { name: "seeds", include: ["**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
});
