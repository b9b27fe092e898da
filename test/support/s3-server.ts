import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

export interface LocalS3 {
  endpoint: string;
  client: S3Client;
  stop(): Promise<void>;
}

/** Starts fauxqs on loopback in a child process (it is ESM-only; jest runs CommonJS). */
export async function startLocalS3(buckets: string[]): Promise<LocalS3> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'fauxqs-server.mjs')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes('\n')) resolve(buffer.split('\n')[0]!.trim());
    });
    child.on('exit', (code) => reject(new Error(`fauxqs exited with ${code} before listening`)));
  });
  const client = new S3Client({
    endpoint,
    region: 'ap-southeast-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  for (const bucket of buckets) await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    endpoint,
    client,
    stop: async () => {
      client.destroy();
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.stdin!.end();
      await exited;
    },
  };
}
