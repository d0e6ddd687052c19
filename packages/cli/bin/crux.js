#!/usr/bin/env node
// The `crux` command: a launcher for the bundle that `npm run build -w @crux/cli` writes.
import { main } from "../dist/crux.js";

process.exitCode = main(process.argv.slice(2));
