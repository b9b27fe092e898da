import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Table, tableToIPC, type RecordBatch } from 'apache-arrow';
import { parquetFromIpc } from './parquet-from-ipc';
import { sha256Hex } from './sha256';

/**
 * Where Parquet encoding runs. `worker`: on a worker thread, so encoding (about a third of
 * the ETL's time) overlaps with parsing on a second core; `inline`: on the calling thread
 * (a Lambda bundle, where the worker's file is not shipped and a small function has one vCPU).
 */
export type ParquetEncoding = 'worker' | 'inline';

export interface WrittenParquet {
  sha256: string;
  bytes: number;
}

/** Writes one RecordBatch as one Parquet file at `path`; resolves with the file's checksum. */
export async function writeParquetFile(
  batch: RecordBatch,
  path: string,
  encoding: ParquetEncoding,
): Promise<WrittenParquet> {
  const ipc = tableToIPC(new Table([batch]), 'stream');
  if (encoding === 'worker') return encoderThread().encode(ipc, path);
  const parquet = parquetFromIpc(ipc);
  await writeFile(path, parquet);
  return { sha256: sha256Hex(parquet), bytes: parquet.length };
}

type Reply = { id: number; error?: string } & Partial<WrittenParquet>;

/**
 * One encoder thread for the process, started on first use. It holds the event loop open only
 * while it has work, so a CLI run still exits when it is done; if it dies, the waiting writes
 * fail and the next write starts a new one.
 */
class EncoderThread {
  private readonly worker = new Worker(join(__dirname, 'parquet-worker.js'));
  private readonly waiting = new Map<
    number,
    { resolve: (written: WrittenParquet) => void; reject: (error: Error) => void }
  >();
  private nextId = 0;

  constructor(onExit: () => void) {
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => this.settle(reply));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => {
      onExit();
      this.failAll(new Error(`the Parquet encoder thread exited with code ${code}`));
    });
  }

  encode(ipc: Uint8Array, path: string): Promise<WrittenParquet> {
    const id = this.nextId++;
    const done = new Promise<WrittenParquet>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    if (this.waiting.size === 1) this.worker.ref();
    // Transferred, not copied: the main thread never touches these bytes again.
    this.worker.postMessage({ id, ipc, path }, [ipc.buffer as ArrayBuffer]);
    return done;
  }

  private settle({ id, error, sha256, bytes }: Reply): void {
    const waiter = this.waiting.get(id);
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.worker.unref();
    if (error !== undefined) waiter?.reject(new Error(`Parquet encoding failed: ${error}`));
    else waiter?.resolve({ sha256: sha256!, bytes: bytes! });
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

let thread: EncoderThread | undefined;

function encoderThread(): EncoderThread {
  thread ??= new EncoderThread(() => (thread = undefined));
  return thread;
}
