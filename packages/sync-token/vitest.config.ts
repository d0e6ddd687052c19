import { defineProject } from "vitest/config";

export default defineProject({ test: { name: "sync-token", include: ["test/**/*.test.ts"] } });
