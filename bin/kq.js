#!/usr/bin/env node
// `node bin/kq.js …`, as before bin/kq.cjs became the `kq` command: runs the same launcher (src/cli/launch.ts).
import { createRequire } from 'node:module';

await createRequire(import.meta.url)('../dist/kq.cjs').run();
