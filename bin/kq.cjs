#!/usr/bin/env node
// The `kq` command: the launcher (dist/kq.cjs, made by `npm run build`, which `npm ci` runs via `prepare`) runs the
// built CLI through V8's code cache (src/cli/launch.ts). CommonJS, so that Node starts it without its ES module
// loader: a few milliseconds of every command's start-up.
'use strict';
require('../dist/kq.cjs').run();
