import { defineProject } from "vitest/config";

export default defineProject({ test: { name: "notebook", include: ["test/**/*.test.ts"] } });
