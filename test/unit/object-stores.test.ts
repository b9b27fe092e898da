import { randomBytes } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDataset } from '../../lambdas/core/contracts';
import { ingestLocalFile } from '../../lambdas/core/ingest/ingest-local-file';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { ObjectNotFoundError, type ObjectStore } from '../../lambdas/core/lake/object-store';
import { S3Store } from '../../lambdas/core/lake/s3-store';
import { startLocalS3, type LocalS3 } from '../support/s3-server';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3(['lake']);
});
afterAll(() => s3.stop());

const stores: [string, () => ObjectStore][] = [
  ['FolderStore', () => new FolderStore(join(tempDir(), 'lake'))],
  [
    'S3Store (fauxqs on 127.0.0.1)',
    () =>
      new S3Store({
        client: s3.client,
        bucket: 'lake',
        prefix: `t${randomBytes(4).toString('hex')}`,
        partSize: 5 * 1024 * 1024,
      }),
  ],
];

describe.each(stores)('%s', (_name, makeStore) => {
  test('puts, gets, lists by prefix in key order, and tells what exists', async () => {
    const store = makeStore();
    await store.put('curated/b/x.parquet', 'B');
    await store.put('curated/a/y.parquet', new Uint8Array([1, 2, 3]));
    await store.put('manifests/s/m.json', '{}');
    expect(new TextDecoder().decode(await store.get('curated/b/x.parquet'))).toBe('B');
    const before = Date.now() - 60_000;
    const listed = await store.list('curated/');
    expect(listed.map(({ key, size }) => ({ key, size }))).toEqual([
      { key: 'curated/a/y.parquet', size: 3 },
      { key: 'curated/b/x.parquet', size: 1 },
    ]);
    for (const { modified } of listed) expect(modified.getTime()).toBeGreaterThan(before);
    expect(await store.exists('manifests/s/m.json')).toBe(true);
    expect(await store.exists('manifests/s/none.json')).toBe(false);
    await expect(store.get('nope/x')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  test('copies a 12 MiB file in (multipart on S3) byte for byte, and streams it back', async () => {
    const store = makeStore();
    const bytes = randomBytes(12 * 1024 * 1024);
    const path = join(tempDir(), 'big.bin');
    writeFileSync(path, bytes);
    await store.putFile('raw/src/2025/01/01/big.bin', path);
    const chunks: Buffer[] = [];
    for await (const chunk of await store.read('raw/src/2025/01/01/big.bin')) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  test('refuses keys that escape the lake', async () => {
    const store = makeStore();
    await expect(store.put('../etc/passwd', 'x')).rejects.toThrow('invalid object key "../etc/passwd"');
  });

  test('ingests a feed into the lake and skips it the second time', async () => {
    const store = makeStore();
    const path = join(tempDir(), 'sig.csv');
    writeFileSync(
      path,
      'provider,subscriber_type,active_certificates,period\nvnpt,organization,5400,2025-12\nviettel,individual,-3,2025-12\n',
    );
    const first = await ingestLocalFile({
      store,
      path,
      contract: getDataset('digital_signatures'),
      source: 'canonical',
    });
    expect(first.manifest).toMatchObject({
      status: 'succeeded',
      rowsIn: 2,
      rowsAccepted: 1,
      rowsRejected: 1,
      reasons: { out_of_range: 1 },
    });
    const keys = (await store.list('')).map((o) => o.key);
    expect(keys).toEqual(
      expect.arrayContaining([first.manifestKey, first.manifest.rawKey, ...first.manifest.outputs.map((o) => o.key)]),
    );
    const again = await ingestLocalFile({
      store,
      path,
      contract: getDataset('digital_signatures'),
      source: 'canonical',
    });
    expect(again.unchanged).toBe(true);
    expect((await store.list('')).map((o) => o.key)).toEqual(keys);
  });
});

test('FolderStore leaves no temporary file behind and never exposes one as an object', async () => {
  const store = new FolderStore(join(tempDir(), 'lake'));
  await store.put('a/b.json', '{"ok":true}');
  await expect(store.putFile('a/c.json', join(tempDir(), 'missing-file'))).rejects.toThrow();
  expect(readdirSync(join(tempDir(), 'lake', 'a'))).toEqual(['b.json']);
  expect((await store.list('a/')).map((o) => o.key)).toEqual(['a/b.json']);
});
