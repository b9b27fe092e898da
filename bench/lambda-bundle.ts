/**
 * The ETL function as Lambda gets it: synthesizes the dev stack with real bundling (esbuild
 * from node_modules), then measures the asset's zipped size and how long Node takes to load
 * the handler module cold (the part of a cold start that the bundle decides).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { App } from 'aws-cdk-lib';
import { STAGES } from '../lib/config/stages';
import { DataCenterStack } from '../lib/data-center-stack';

/** The size of a zip (deflate, as the CDK packages assets) of every file in `dir`. */
function zippedSize(dir: string): { bytes: number; files: string[] } {
  const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile());
  // Per file: local header (30) + central directory entry (46) + the name twice; then the end record (22).
  const bytes = files.reduce(
    (sum, f) => sum + 76 + 2 * Buffer.byteLength(f) + deflateRawSync(readFileSync(join(dir, f)), { level: 9 }).length,
    22,
  );
  return { bytes, files };
}

/** Median time to require() the bundled handler in a fresh Node process, in ms. */
function coldImportMs(bundleDir: string, runs = 5): number {
  const script = `const t = performance.now(); require(${JSON.stringify(join(bundleDir, 'index.js'))}); process.stdout.write(String(performance.now() - t));`;
  const env = {
    ...process.env,
    NODE_NO_WARNINGS: '1',
    RAW_BUCKET: 'raw',
    CURATED_BUCKET: 'curated',
    QUARANTINE_BUCKET: 'quarantine',
    PII_KEY_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-1:111122223333:secret:pii',
    AWS_REGION: 'ap-southeast-1',
  };
  const times = Array.from({ length: runs }, () =>
    Number(execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8' })),
  );
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export function measureEtlBundle(outdir: string): { zippedBytes: number; files: string[]; coldImportMs: number } {
  rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir, context: JSON.parse(readFileSync(join(__dirname, '..', 'cdk.json'), 'utf8')).context });
  const stack = new DataCenterStack(app, 'vpdc-bench', {
    config: STAGES.dev!,
    env: { account: '111122223333', region: 'ap-southeast-1' },
  });
  const assembly = app.synth();
  const template = assembly.getStackByName(stack.stackName).template as {
    Resources: Record<string, { Properties?: { Code?: { S3Key?: string } } }>;
  };
  const logicalId = stack.getLogicalId(stack.pipeline.etlFunction.node.defaultChild as never);
  const key = template.Resources[logicalId]?.Properties?.Code?.S3Key;
  if (!key) throw new Error('no code asset found for the ETL function');
  const bundleDir = join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
  const { bytes, files } = zippedSize(bundleDir);
  return { zippedBytes: bytes, files, coldImportMs: coldImportMs(bundleDir) };
}
