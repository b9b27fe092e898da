#!/usr/bin/env node
// The `vpdc` command: runs the TypeScript CLI through tsx (a dependency), so no build step.
const { spawnSync } = require('node:child_process');
const { constants } = require('node:os');

/**
 * Commands that stream whole files bound their own JavaScript heap: V8 otherwise grows it
 * lazily for the machine, not the job (measured: `vpdc ingest` of 1 M rows peaked at 460 MB
 * RSS unbounded, 325 MB with these 256 MB). A heap the user sets (a flag or NODE_OPTIONS) wins.
 */
const HEAP_MB = { ingest: 256, validate: 256, demo: 256 };

const heapMb = HEAP_MB[process.argv[2]];
const userSet = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('--max-old-space-size'));
if (heapMb && !userSet) {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, `--max-old-space-size=${heapMb}`, __filename, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  if (child.error) throw child.error;
  process.exitCode = child.status ?? 128 + (constants.signals[child.signal] ?? 0);
} else {
  require('tsx/cjs');
  require('./vpdc.ts');
}
