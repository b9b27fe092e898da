import { join } from 'node:path';
import type { Schema } from 'apache-arrow';
import type { ColumnType } from '../contracts/column-types';
import { buildRecordBatch } from './arrow-batch';
import { ParquetFileWriter } from './parquet-file-writer';

interface Partition {
  period: string;
  writer: ParquetFileWriter;
  columns: unknown[][];
  length: number;
}

export interface StagedPartition {
  period: string;
  path: string;
  rows: number;
}

/**
 * Accepted rows, split by period into one staged Parquet file each. Rows wait in small
 * per-partition buffers; when `flushRows` rows are waiting in all, every buffer becomes a
 * RecordBatch for its file. Memory is bounded by `flushRows` plus one row group per
 * partition, whatever the file's size.
 */
export class PartitionedOutput {
  private readonly partitions = new Map<string, Partition>();
  private waiting = 0;
  private readonly fileTypes: ColumnType[];

  constructor(
    private readonly stagingDir: string,
    private readonly schema: Schema,
    dataTypes: readonly ColumnType[],
    /** Values of the lineage columns, the same for every row of the file. */
    private readonly lineage: { ingestedAt: number; manifestId: string },
    private readonly flushRows = 65_536,
  ) {
    this.fileTypes = [...dataTypes, 'timestamp', 'string'];
  }

  /**
   * Copies one normalized row (`values[0..n-1]`) into the buffer of its period. Returns true
   * when the buffers are full and the caller must `await flush()` (kept synchronous so the
   * per-row path costs no promise).
   */
  add(period: string, values: readonly unknown[], width: number): boolean {
    let partition = this.partitions.get(period);
    if (!partition) {
      partition = {
        period,
        writer: new ParquetFileWriter(join(this.stagingDir, `curated-${period}.parquet`), { metadata: this.schema.metadata }),
        columns: Array.from({ length: width }, () => []),
        length: 0,
      };
      this.partitions.set(period, partition);
    }
    const { columns, length } = partition;
    for (let i = 0; i < width; i++) columns[i]![length] = values[i];
    partition.length++;
    return ++this.waiting >= this.flushRows;
  }

  async flush(): Promise<void> {
    for (const partition of this.partitions.values()) {
      if (partition.length === 0) continue;
      const length = partition.length;
      const lineageColumns = [new Array(length).fill(this.lineage.ingestedAt), new Array(length).fill(this.lineage.manifestId)];
      const batch = buildRecordBatch(this.schema, this.fileTypes, [...partition.columns, ...lineageColumns], length);
      partition.columns = partition.columns.map(() => []);
      partition.length = 0;
      await partition.writer.write(batch);
    }
    this.waiting = 0;
  }

  /** Flushes and closes every file; returns them in period order. */
  async finish(): Promise<StagedPartition[]> {
    await this.flush();
    const staged: StagedPartition[] = [];
    for (const partition of this.partitions.values()) {
      await partition.writer.close();
      staged.push({ period: partition.period, path: partition.writer.path, rows: partition.writer.rows });
    }
    return staged.sort((a, b) => a.period.localeCompare(b.period));
  }

  /** Stops every writer after a failure (the staging folder is removed by the caller). */
  async abort(): Promise<void> {
    await Promise.allSettled([...this.partitions.values()].map((p) => p.writer.close()));
  }
}
