#!/usr/bin/env node
// The `kq` command: runs the built CLI (dist/cli.js, made by `npm run build`, which `npm ci` runs via `prepare`).
import { run } from '../dist/cli.js';

await run();
