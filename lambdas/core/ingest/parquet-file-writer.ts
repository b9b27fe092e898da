import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { tableToIPC, Table as ArrowTable, type RecordBatch } from 'apache-arrow';
import { Compression, Table as WasmTable, transformParquetStream, WriterPropertiesBuilder, type RecordBatch as WasmRecordBatch } from 'parquet-wasm';

export interface ParquetWriterOptions {
  /** Rows per row group. @default 131072 */
  rowGroupRows?: number;
  /** Key-value metadata written in the file footer. */
  metadata?: Map<string, string>;
}

/**
 * Writes one Parquet file (ZSTD) to a local path, batch by batch. parquet-wasm's streaming
 * writer encodes each batch as it arrives and flushes a row group every `rowGroupRows` rows,
 * so memory holds one row group, not the file. `write` waits while the writer is busy
 * (back-pressure), then `close` finishes the footer.
 */
export class ParquetFileWriter {
  private controller!: ReadableStreamDefaultController<WasmRecordBatch>;
  private readonly input: ReadableStream<WasmRecordBatch>;
  private readonly pulls: (() => void)[] = [];
  private piping: Promise<void> | undefined;
  private failure: unknown;
  rows = 0;

  constructor(readonly path: string, private readonly options: ParquetWriterOptions = {}) {
    this.input = new ReadableStream<WasmRecordBatch>(
      {
        start: (controller) => {
          this.controller = controller;
        },
        pull: () => {
          this.pulls.shift()?.();
        },
      },
      { highWaterMark: 1 },
    );
  }

  async write(batch: RecordBatch): Promise<void> {
    if (this.failure) throw this.failure;
    if (batch.numRows === 0) return;
    const wasmTable = WasmTable.fromIPCStream(tableToIPC(new ArrowTable([batch]), 'stream'));
    for (const wasmBatch of wasmTable.recordBatches()) this.controller.enqueue(wasmBatch);
    wasmTable.free();
    this.rows += batch.numRows;
    // The wasm writer reads its first batch before it hands back the output stream.
    this.piping ??= this.startPiping();
    while ((this.controller.desiredSize ?? 0) <= 0 && !this.failure) {
      await new Promise<void>((resolve) => this.pulls.push(resolve));
    }
    if (this.failure) throw this.failure;
  }

  private async startPiping(): Promise<void> {
    const properties = new WriterPropertiesBuilder()
      .setCompression(Compression.ZSTD)
      .setMaxRowGroupSize(this.options.rowGroupRows ?? 131_072)
      .setCreatedBy('vpdc (parquet-wasm)')
      .setKeyValueMetadata(this.options.metadata ?? new Map())
      .build();
    try {
      const output = await transformParquetStream(this.input, properties);
      await output.pipeTo(Writable.toWeb(createWriteStream(this.path)));
    } catch (error) {
      this.failure = error;
      for (const resume of this.pulls.splice(0)) resume();
      throw error;
    }
  }

  /** Finishes the file. A writer that never received a row writes nothing. */
  async close(): Promise<void> {
    this.controller.close();
    if (this.piping) await this.piping;
  }
}
