/** Arrow IPC stream bytes → the bytes of one Parquet file (ZSTD, one row group). */
export function parquetFromIpc(ipc: Uint8Array): Uint8Array;
