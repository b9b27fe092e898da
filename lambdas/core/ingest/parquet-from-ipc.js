'use strict';
/**
 * Arrow IPC stream → one complete Parquet file (ZSTD, one row group), in memory.
 *
 * Plain CommonJS on purpose: it is also the body of the encoder worker thread
 * (parquet-worker.js), and a worker thread starts without the parent's TypeScript loader
 * (tsx, ts-jest). Synchronous and self-contained, so wasm memory holds one batch at a time:
 * parquet-wasm's streaming writer kept every row group of every open file in wasm memory
 * until the end (measured: 506 MB of wasm memory after 1 M rows).
 */
const { Compression, Table, writeParquet, WriterPropertiesBuilder } = require('parquet-wasm');

let properties;

function parquetFromIpc(ipc) {
  properties ??= new WriterPropertiesBuilder()
    .setCompression(Compression.ZSTD)
    .setMaxRowGroupSize(1 << 30)
    .setCreatedBy('vpdc (parquet-wasm)')
    .build();
  const table = Table.fromIPCStream(ipc);
  try {
    return writeParquet(table, properties);
  } finally {
    // writeParquet consumes the table; free() covers the error path.
    try { table.free(); } catch { /* already consumed */ }
  }
}

module.exports = { parquetFromIpc };
