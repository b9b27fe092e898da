import { CursorCodec } from '../../lambdas/core/sharing/cursor-codec';
import type { ApiProblem } from '../../lambdas/core/sharing/problem';

// The last row's key of a dossiers_monthly page: period, agency_code, ward_code, none granted to an agency reading dossiers_total alone.
const KEY = ['2023-01', 'CAT', '08707'];
const FINGERPRINT = JSON.stringify([[], '', '', '']);
const codec = new CursorCodec(Buffer.alloc(32, 7));

/** The refusal a caller gets for any cursor that is not ours for this dataset and these filters. */
function refusalOf(decode: () => unknown): { status: number; type: string; detail: string } {
  try {
    decode();
  } catch (error) {
    const { status, type, detail } = error as ApiProblem;
    return { status, type, detail };
  }
  throw new Error('the cursor was accepted');
}
const REFUSED = {
  status: 400,
  type: 'bad_request',
  detail: 'the cursor is not valid for this dataset and these filters',
};

test('round trip: a cursor decodes to its key for the same dataset and filters', () => {
  const cursor = codec.encode('dossiers_monthly', FINGERPRINT, KEY);
  expect(codec.decode(cursor, 'dossiers_monthly', FINGERPRINT)).toEqual(KEY);
});

test('a cursor’s text holds none of its key values, plainly or base64url-decoded', () => {
  const cursor = codec.encode('dossiers_monthly', FINGERPRINT, KEY);
  const decodedParts = cursor.split('.').map((part) => Buffer.from(part, 'base64url').toString('latin1'));
  for (const text of [cursor, Buffer.from(cursor, 'base64url').toString('latin1'), ...decodedParts]) {
    for (const value of [...KEY, 'dossiers_monthly']) expect(text).not.toContain(value);
  }
});

test('the same page’s cursor is the same text every time (its strong ETag and receipt stay one); another key’s, dataset’s or filters’ differs in its IV too', () => {
  const cursor = codec.encode('dossiers_monthly', FINGERPRINT, KEY);
  expect(codec.encode('dossiers_monthly', FINGERPRINT, KEY)).toBe(cursor);
  const ivOf = (text: string) => Buffer.from(text.split('.')[0]!, 'base64url').subarray(0, 12).toString('hex');
  const others = [
    codec.encode('dossiers_monthly', FINGERPRINT, ['2023-01', 'CAT', '08716']),
    codec.encode('eid_by_ward', FINGERPRINT, KEY),
    codec.encode('dossiers_monthly', JSON.stringify([[], '2025-01', '', '']), KEY),
  ];
  expect(new Set([cursor, ...others].map(ivOf)).size).toBe(4);
});

test('a tampered, truncated, re-signed or stray cursor is refused with the same 400 problem', () => {
  const cursor = codec.encode('dossiers_monthly', FINGERPRINT, KEY);
  const [body, tag] = cursor.split('.') as [string, string];
  const flipped = Buffer.from(body, 'base64url');
  flipped[flipped.length - 1]! ^= 1;
  const forged = Buffer.from(JSON.stringify({ d: 'dossiers_monthly', k: ['2099-01', 'CAT', '08707'] })).toString(
    'base64url',
  );
  for (const bad of [
    `${flipped.toString('base64url')}.${tag}`,
    `${forged}.${tag}`,
    body,
    cursor.slice(0, -4),
    `${body}.${tag}.x`,
    '',
  ]) {
    expect(refusalOf(() => codec.decode(bad, 'dossiers_monthly', FINGERPRINT))).toEqual(REFUSED);
  }
  expect(refusalOf(() => new CursorCodec(Buffer.alloc(32, 8)).decode(cursor, 'dossiers_monthly', FINGERPRINT))).toEqual(
    REFUSED,
  );
});

test('a cursor of another dataset or other filters is refused with the same 400 problem', () => {
  const cursor = codec.encode('dossiers_monthly', FINGERPRINT, KEY);
  expect(refusalOf(() => codec.decode(cursor, 'eid_by_ward', FINGERPRINT))).toEqual(REFUSED);
  expect(refusalOf(() => codec.decode(cursor, 'dossiers_monthly', JSON.stringify([[], '2025-01', '', ''])))).toEqual(
    REFUSED,
  );
});
