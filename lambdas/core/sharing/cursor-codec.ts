import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import type { SqlValue } from '../query/duckdb-lake';
import { problems } from './problem';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Name what each derived key is for, so the same secret used elsewhere never yields these keys. */
const KEY_INFO = 'vpdc cursor encryption v2';
const IV_INFO = 'vpdc cursor iv v2';

/**
 * Keyset cursors, sealed with AES-256-GCM: a cursor carries the last row’s natural key, which
 * may hold columns the agency is not granted (a grant of dossiers_total alone would read
 * period, agency and ward off a readable cursor), so it is encrypted, not only signed. The
 * dataset and filters (filterFingerprint) are its additional data: a cursor cannot be forged,
 * nor carried to another dataset or other filters. Form: `<iv + ciphertext>.<tag>`, base64url.
 * The IV is an HMAC of what is sealed (a synthetic IV): the same page always carries the same
 * cursor, so its bytes, its strong ETag and its receipt's SHA-256 stay one, and two different
 * cursors never share an IV (what would give GCM away).
 */
export class CursorCodec {
  private readonly key: Buffer;
  private readonly ivKey: Buffer;

  /** `secret` is any length (Secrets Manager gives text): HKDF derives the 32-byte keys from it. */
  constructor(secret: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), KEY_INFO, 32));
    this.ivKey = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), IV_INFO, 32));
  }

  encode(datasetId: string, fingerprint: string, key: SqlValue[]): string {
    const aad = additionalData(datasetId, fingerprint);
    const plain = Buffer.from(JSON.stringify(key), 'utf8');
    const iv = createHmac('sha256', this.ivKey).update(aad).update(plain).digest().subarray(0, IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(aad);
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final()]);
    return `${sealed.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
  }

  decode(cursor: string, datasetId: string, fingerprint: string): SqlValue[] {
    const [body, tagText, extra] = cursor.split('.');
    const sealed = Buffer.from(body ?? '', 'base64url');
    const tag = Buffer.from(tagText ?? '', 'base64url');
    if (extra !== undefined || sealed.length <= IV_BYTES || tag.length !== TAG_BYTES) throw refused();
    let key: unknown;
    try {
      const iv = sealed.subarray(0, IV_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(additionalData(datasetId, fingerprint)).setAuthTag(tag);
      const plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES)), decipher.final()]);
      key = JSON.parse(plain.toString('utf8'));
    } catch {
      // A wrong tag, another dataset or other filters: one refusal, saying nothing of which.
      throw refused();
    }
    if (!Array.isArray(key)) throw refused();
    return key as SqlValue[];
  }
}

/** JSON keeps the two apart: no dataset id and fingerprint pair reads as another pair. */
function additionalData(datasetId: string, fingerprint: string): Buffer {
  return Buffer.from(JSON.stringify([datasetId, fingerprint]), 'utf8');
}

function refused() {
  return problems.badRequest('the cursor is not valid for this dataset and these filters');
}
