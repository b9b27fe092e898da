#!/usr/bin/env node
// The `vpdc` command: runs the TypeScript CLI through tsx (a dependency), so no build step.
require('tsx/cjs');
require('./vpdc.ts');
