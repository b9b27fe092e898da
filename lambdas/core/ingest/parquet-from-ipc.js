'use strict';
/**
 * Arrow IPC stream → one complete Parquet file (ZSTD, one row group), in memory.
 *
 * Plain CommonJS on purpose: it is also the body of the encoder worker thread
 * (parquet-worker.js), and a worker thread starts without the parent's TypeScript loader
 * (tsx, ts-jest). Synchronous and self-contained, so wasm memory holds one batch at a time:
 * parquet-wasm's streaming writer kept every row group of every open file in wasm memory
 * until the end (measured: 506 MB of wasm memory after 1 M rows).
 *
 * writeParquet takes ownership of both the table and the writer properties (wasm-bindgen
 * moves them into Rust): the properties are built for every file (a cached one was consumed
 * by the first file, and every later file was written with parquet-rs defaults, uncompressed),
 * and the table is not freed afterwards (freeing a moved table threw inside wasm and, after
 * some 20,000 files, broke the wasm instance for good).
 */
const { Compression, Table, writeParquet, WriterPropertiesBuilder } = require('parquet-wasm');

function parquetFromIpc(ipc) {
  const properties = new WriterPropertiesBuilder()
    .setCompression(Compression.ZSTD)
    .setMaxRowGroupSize(1 << 30)
    .setCreatedBy('vpdc (parquet-wasm)')
    .build();
  const table = Table.fromIPCStream(ipc);
  return writeParquet(table, properties);
}

module.exports = { parquetFromIpc };
