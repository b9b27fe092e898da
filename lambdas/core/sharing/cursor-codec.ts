import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SqlValue } from '../query/duckdb-lake';
import { problems } from './problem';

/** Keyset cursors, signed: a cursor is bound to its dataset and filters (filterFingerprint), and cannot be forged. */
export class CursorCodec {
  constructor(private readonly secret: Buffer) {}

  encode(datasetId: string, fingerprint: string, key: SqlValue[]): string {
    const body = Buffer.from(JSON.stringify({ d: datasetId, k: key })).toString('base64url');
    return `${body}.${this.sign(body, fingerprint)}`;
  }

  decode(cursor: string, datasetId: string, fingerprint: string): SqlValue[] {
    const [body, signature, extra] = cursor.split('.');
    const expected = body ? this.sign(body, fingerprint) : '';
    if (
      !body ||
      !signature ||
      extra !== undefined ||
      signature.length !== expected.length ||
      !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
    ) {
      throw problems.badRequest('the cursor is not valid for this dataset and these filters');
    }
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { d: string; k: SqlValue[] };
    if (parsed.d !== datasetId || !Array.isArray(parsed.k))
      throw problems.badRequest('the cursor is not valid for this dataset and these filters');
    return parsed.k;
  }

  private sign(body: string, fingerprint: string): string {
    return createHmac('sha256', this.secret).update(body).update('\n').update(fingerprint).digest('base64url');
  }
}
