import { defineProject } from "vitest/config";

export default defineProject({ test: { name: "codemirror", include: ["test/**/*.test.ts"] } });
