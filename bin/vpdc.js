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
/**
 * Their young generation is set too: with the 16 MB semi-spaces V8 picks for that heap,
 * scavenges ran twice as often and copied the records of the chunk still being read. 32 MB: `vpdc ingest` of 1 M rows 6.1 s instead of 6.4 s, 9.5 s of CPU
 * instead of 10.0 s, peak RSS 347 MB instead of 296 MB (64 MB: 417 MB, no faster).
 */
const SEMI_SPACE_MB = 32;

const heapMb = HEAP_MB[process.argv[2]];
const userSet = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('--max-old-space-size'));
if (heapMb && !userSet) {
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      `--max-old-space-size=${heapMb}`,
      `--max-semi-space-size=${SEMI_SPACE_MB}`,
      __filename,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  if (child.error) throw child.error;
  process.exitCode = child.status ?? 128 + (constants.signals[child.signal] ?? 0);
} else {
  require('tsx/cjs');
  require('./vpdc.ts');
}
