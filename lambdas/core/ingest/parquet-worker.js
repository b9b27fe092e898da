'use strict';
/**
 * Worker thread entry: encodes Arrow IPC batches to Parquet files while the main thread goes
 * on parsing the next rows (see parquet-writer.ts). Message in: { id, ipc, path };
 * message out: { id, sha256, bytes } once the file is written, or { id, error }.
 */
const { createHash } = require('node:crypto');
const { writeFile } = require('node:fs/promises');
const { parentPort } = require('node:worker_threads');
const { parquetFromIpc } = require('./parquet-from-ipc.js');

parentPort.on('message', async ({ id, ipc, path }) => {
  try {
    const parquet = parquetFromIpc(ipc);
    await writeFile(path, parquet);
    parentPort.postMessage({ id, sha256: createHash('sha256').update(parquet).digest('hex'), bytes: parquet.length });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
