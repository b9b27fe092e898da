import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './command';

/**
 * The key of personal identifiers' keyed hashes (HMAC-SHA256) on one machine: `VPDC_PII_KEY`
 * if set; else, for a lake folder, a random key kept next to it (`<lake>/../keys/pii-hmac.key`,
 * owner-only), created on first use and outside the lake so the lake never holds it. In AWS the
 * ETL reads it from Secrets Manager instead.
 */
export async function localPiiKey(lake: string): Promise<Buffer> {
  const fromEnvironment = process.env.VPDC_PII_KEY;
  if (fromEnvironment) return Buffer.from(fromEnvironment, 'utf8');
  if (lake.includes('://'))
    throw new UsageError('set VPDC_PII_KEY (the HMAC key of personal identifiers) to ingest into an S3 lake');
  const path = join(dirname(resolve(lake)), 'keys', 'pii-hmac.key');
  if (!existsSync(path)) {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      },
    );
  }
  return Buffer.from((await readFile(path, 'utf8')).trim(), 'utf8');
}
