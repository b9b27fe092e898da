import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createGunzip, type Gunzip } from 'node:zlib';
import type { ObjectStore } from '../lake/object-store';
import { parquetRows } from './parquet-footer';

/** One read of an export's file: its SHA-256, size and rows together. */
export async function measureFile(
  store: ObjectStore,
  key: string,
  parquet: boolean,
): Promise<{ sha256: string; bytes: number; rows: number }> {
  const hash = createHash('sha256');
  const counter = new RowCounter(parquet);
  let bytes = 0;
  for await (const chunk of await store.read(key)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
    await counter.add(chunk as Buffer);
  }
  return { sha256: hash.digest('hex'), bytes, rows: await counter.rows() };
}

/**
 * Rows of one file UNLOAD wrote, counted while its bytes stream past for the checksum: for
 * Parquet the footer's num_rows (the tail is kept, nothing decoded), for JSON and CSV (TEXTFILE,
 * GZIP by Athena's default) one row per line. Athena's runtime statistics cannot serve: they
 * need another permission and their row counts arrive after the query is SUCCEEDED.
 */
class RowCounter {
  /** Parquet: the last chunks, enough to hold the footer. */
  private readonly tail: Uint8Array[] = [];
  private tailBytes = 0;
  private lines = 0;
  private lastByte = NEWLINE;
  private gunzip?: { stream: Gunzip; ended: Promise<unknown> };
  private started = false;

  constructor(private readonly parquet: boolean) {}

  async add(chunk: Uint8Array): Promise<void> {
    if (this.parquet) return this.keep(chunk);
    if (!this.started) {
      this.started = true;
      if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
        const stream = createGunzip();
        stream.on('data', (text: Buffer) => this.countLines(text));
        const ended = once(stream, 'end');
        ended.catch(() => undefined); // awaited in rows(); an early failure surfaces there or in write
        this.gunzip = { stream, ended };
      }
    }
    if (!this.gunzip) return this.countLines(chunk);
    if (!this.gunzip.stream.write(chunk)) await once(this.gunzip.stream, 'drain');
  }

  async rows(): Promise<number> {
    if (this.parquet) return parquetRows(Buffer.concat(this.tail));
    if (this.gunzip) {
      this.gunzip.stream.end();
      await this.gunzip.ended;
    }
    // A last line without its newline is a row too.
    return this.lines + (this.lastByte === NEWLINE ? 0 : 1);
  }

  private keep(chunk: Uint8Array): void {
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    while (this.tailBytes - this.tail[0]!.length >= MAX_FOOTER) this.tailBytes -= this.tail.shift()!.length;
  }

  private countLines(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    for (let i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, i + 1)) this.lines++;
    this.lastByte = bytes[bytes.length - 1]!;
  }
}

const NEWLINE = 10;

/** Footers of UNLOAD's files are a few KiB; a bigger one means this is not the file we think. */
const MAX_FOOTER = 16 << 20;
