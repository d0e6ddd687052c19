import { defineConfig } from "vitest/config";

// One vitest run covers every package and the cross-package suites; each project has its own config.
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "test/*/vitest.config.ts", "app/vitest.config.ts"],
  },
});
