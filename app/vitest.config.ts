import { defineProject } from "vitest/config";

// Unit tests of the app's pure modules and output components; component and chart tests opt into jsdom per file.
export default defineProject({
  // tsconfig keeps JSX for Next to compile ("preserve"); tests compile it themselves.
  oxc: { jsx: { runtime: "automatic" } },
  // The repository root holds another React (18, for a dependency of the API); editors' libraries found from there
  // would run hooks against a second copy. Resolve React for everything from the app.
  resolve: { dedupe: ["react", "react-dom"] },
  test: { name: "app", include: ["src/**/*.test.{ts,tsx}"] },
});
