import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { appendFile, copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { assertValidKey, ObjectNotFoundError, type ObjectInfo, type ObjectStore } from './object-store';

/**
 * The lake as a folder, with the same key layout as the S3 buckets. Writes go to a hidden
 * temporary file in the target folder, then `rename` (atomic on one filesystem), so a reader
 * sees the old object or the new one, never half of one (`append` is the exception: it grows
 * a file in place). Hidden files are not objects.
 */
export class FolderStore implements ObjectStore {
  readonly location: string;

  constructor(readonly root: string) {
    this.location = root;
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    return join(this.root, ...key.split('/'));
  }

  private async atomically(key: string, write: (tempPath: string) => Promise<void>): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    const temp = join(dirname(target), `.${randomBytes(6).toString('hex')}.partial`);
    try {
      await write(temp);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  put(key: string, body: Uint8Array | string): Promise<void> {
    return this.atomically(key, (temp) => writeFile(temp, body));
  }

  putFile(key: string, path: string): Promise<void> {
    return this.atomically(key, (temp) => copyFile(path, temp));
  }

  /**
   * Writes to the file opened with O_APPEND, so the bytes go on the end even when another
   * process appends too (Node writes up to 512 KiB in one `write`, larger bodies in several).
   */
  async append(key: string, body: Uint8Array | string): Promise<void> {
    const target = this.pathOf(key);
    try {
      await appendFile(target, body);
    } catch (error) {
      // The folder is made once, when the first append finds it missing (a mkdir before every
      // append was a twentieth of an audited catalog request's time).
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(dirname(target), { recursive: true });
      await appendFile(target, body);
    }
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      throw this.translate(error, key);
    }
  }

  async read(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    try {
      await stat(path);
    } catch (error) {
      throw this.translate(error, key);
    }
    return createReadStream(path, { highWaterMark: 1 << 20 });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    // Walk only the deepest folder the prefix names, then filter by the full prefix.
    const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const start = folder ? join(this.root, ...folder.split('/')) : this.root;
    const found: ObjectInfo[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile()) {
          const key = relative(this.root, path).split(sep).join('/');
          if (key.startsWith(prefix)) {
            const info = await stat(path);
            found.push({ key, size: info.size, modified: info.mtime });
          }
        }
      }
    };
    await walk(start);
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  private translate(error: unknown, key: string): Error {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return new ObjectNotFoundError(key, this.location, { cause: error });
    return error as Error;
  }
}
