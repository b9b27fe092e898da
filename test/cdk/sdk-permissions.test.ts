import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { STAGES } from '../../lib/config/stages';
import { VpdcFunction } from '../../lib/constructs/vpdc-function';
import { DataCenterStack } from '../../lib/data-center-stack';
import { allows, arnText, roleGrants, type Grant } from './role-policies';
import { sdkCalls, sourceFiles, type SdkCall } from './sdk-calls';
import { testApp } from './synth-stack';

const ROOT = join(__dirname, '..', '..');
const ENV = { account: '111122223333', region: 'ap-southeast-1' };

/**
 * Calls a bundle holds but its function never makes, so its role rightly lacks them, by function
 * (construct path under the stack) and action. An entry the scanner no longer finds, or whose action
 * the role now allows, fails the last test: the list cannot outlive its reasons.
 */
const NEVER_SENT: readonly { fn: string; action: string; reason: string }[] = [
  ...['s3:PutObject', 's3:AbortMultipartUpload'].map((action) => ({
    fn: 'Monitoring/FreshnessFunction',
    action,
    reason: "feedFreshness only lists manifests: S3Store's put and putFile come with the class, never called",
  })),
  {
    fn: 'DatasetEvents/EventsFunction',
    action: 'dynamodb:PutItem',
    reason:
      'the events function only reads the grants in force (LiveGrants.refresh: Scan); the put of dynamoRecords comes with the module, for the API',
  },
  {
    fn: 'SharingApi/ExportFinisher',
    action: 'athena:StartQueryExecution',
    reason:
      "the finisher calls AthenaUnloadExports.finish only (GetQueryExecution): start and athena-views' runStatement come with the modules",
  },
  {
    fn: 'SharingApi/ExportFinisher',
    action: 'athena:GetQueryResults',
    reason: 'AthenaEngine.query comes with athena-engine, which athena-exports imports for executionParameter only',
  },
];

/** One of our functions in a synthesized stack: its handler (from its bundle), its role's grants, its environment. */
interface DeployedFunction {
  /** The construct path under the stack: `FeedPipeline/EtlFunction`. */
  name: string;
  handler: string;
  /** The repository files esbuild put in its bundle (its source map): `lambdas/…`. */
  bundled: string[];
  roleId: string;
  grants: Grant[];
  env: Record<string, unknown>;
}

interface Synthesized {
  functions: DeployedFunction[];
  template: Template;
  /** Template functions whose bundle holds repository code but that are no VpdcFunction. */
  strays: string[];
  workGroupArns: string[];
}

/** The stack as `cdk synth` builds it (esbuild bundles every function), so each function's bundle names its handler. */
function synthesize(stage: string): Synthesized {
  const app = testApp({ bundle: true });
  const stack = new DataCenterStack(app, `vpdc-${stage}`, {
    config: STAGES[stage]!,
    env: ENV,
  });
  const template = Template.fromStack(stack);
  const assembly = app.synth().directory;
  const grants = roleGrants(template);
  const lambdas = template.findResources('AWS::Lambda::Function');
  const ours = stack.node.findAll().filter((c): c is VpdcFunction => c instanceof VpdcFunction);
  const functions = ours.map((fn): DeployedFunction => {
    const name = fn.node.path.slice(stack.node.path.length + 1);
    const { Code, Role, Environment } = lambdas[logicalId(stack, fn)]!.Properties;
    const bundled = bundleSources(assembly, Code.S3Key);
    const handlers = bundled.filter((file) => /^lambdas\/[^/]+\/handler\.ts$/.test(file));
    if (handlers.length !== 1) throw new Error(`${name}: its bundle holds handlers ${handlers.join(', ')}, not one`);
    const roleId = Role['Fn::GetAtt'][0];
    return {
      name,
      handler: handlers[0]!,
      bundled,
      roleId,
      grants: grants.get(roleId) ?? [],
      env: Environment.Variables,
    };
  });
  const ourIds = new Set(ours.map((fn) => logicalId(stack, fn)));
  const strays = Object.entries(lambdas)
    .filter(([id, fn]) => !ourIds.has(id) && bundleSources(assembly, fn.Properties.Code.S3Key).length > 0)
    .map(([id]) => id);
  const { region, account } = stack;
  const workGroupArns = Object.values(template.findResources('AWS::Athena::WorkGroup')).map(
    (w) => `arn:aws:athena:${region}:${account}:workgroup/${w.Properties.Name}`,
  );
  return { functions, template, strays, workGroupArns };
}

function logicalId(stack: Stack, fn: VpdcFunction): string {
  return stack.getLogicalId(fn.node.defaultChild as CfnFunction);
}

/** The repository files (not node_modules) of an asset's bundle, from its source map; none for an asset without one. */
function bundleSources(assembly: string, s3Key: unknown): string[] {
  if (typeof s3Key !== 'string') return [];
  const dir = join(assembly, `asset.${s3Key.replace(/\.zip$/, '')}`);
  const map = join(dir, 'index.js.map');
  if (!existsSync(map)) return [];
  const { sources } = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] };
  return sources
    .map((source) => relative(ROOT, resolve(dir, source)))
    .filter((file) => !file.startsWith('..') && !file.includes('node_modules'));
}

/** An S3 bucket the function is told about (`RAW_BUCKET: {Ref}`), as its ARN text and the key it encrypts with. */
interface NamedBucket {
  env: string;
  arn: string;
  /** The SSE-KMS key's ARN text; undefined for S3-managed encryption. */
  key?: string;
}

function bucketsOf(fn: DeployedFunction, template: Template): NamedBucket[] {
  const buckets = template.findResources('AWS::S3::Bucket');
  return Object.entries(fn.env).flatMap(([env, value]) => {
    const id = (value as { Ref?: string } | undefined)?.Ref;
    const bucket = id === undefined ? undefined : buckets[id];
    if (!bucket) return [];
    const rules = bucket.Properties.BucketEncryption?.ServerSideEncryptionConfiguration ?? [];
    const kms = rules
      .map((r: { ServerSideEncryptionByDefault?: Record<string, unknown> }) => r.ServerSideEncryptionByDefault)
      .find((d: Record<string, unknown> | undefined) => String(d?.SSEAlgorithm).startsWith('aws:kms'));
    return [{ env, arn: `<${id}.Arn>`, key: kms?.KMSMasterKeyID ? arnText(kms.KMSMasterKeyID) : undefined }];
  });
}

/** Bucket-level S3 actions (the bucket's ARN); every other S3 action the code sends is on objects. */
const BUCKET_ACTIONS = new Set(['s3:ListBucket']);

/** Whether the grants allow an object action on some object of the bucket (a resource under `<arn>/`). */
function allowsInBucket(grants: readonly Grant[], action: string, bucketArn: string): boolean {
  const inBucket = grants.filter((g) => g.resources.some((r) => r === '*' || r.startsWith(`${bucketArn}/`)));
  return allows(inBucket, action);
}

const neverSent = (fn: DeployedFunction, action: string) =>
  NEVER_SENT.some((n) => n.fn === fn.name && n.action === action);

function describeCall(fn: DeployedFunction, call: SdkCall): string {
  return `${fn.name} (${fn.handler}): ${call.call}${call.presigned ? ' (presigned URL)' : ''} at ${call.site}`;
}

/**
 * What the role of `fn` misses for the calls its code can make, one line each, naming the function,
 * the call, the file that makes it and the action: first the action anywhere; then, where the code
 * names the resource, on it (the secret or lake zone it names, the workgroup it runs in); for S3 on an
 * SSE-KMS bucket, the key too. A call through an S3Store names no bucket in the code: it must be allowed
 * in one of the buckets the function is told about, and each of those must be reachable by some call.
 */
function missingGrants(fn: DeployedFunction, synthesized: Synthesized): string[] {
  const { grants } = fn;
  const buckets = bucketsOf(fn, synthesized.template);
  const calls = sdkCalls(fn.handler);
  const missing = new Set<string>();
  const need = (call: SdkCall, action: string, ok: boolean, on = '') => {
    if (!ok) missing.add(`${describeCall(fn, call)} needs ${action}${on}: role ${fn.roleId} does not allow it`);
  };
  const inBucket = (action: string, bucket: NamedBucket) =>
    BUCKET_ACTIONS.has(action) ? allows(grants, action, bucket.arn) : allowsInBucket(grants, action, bucket.arn);

  for (const call of calls) {
    /** The buckets this call can write to or read from: each one's key must let it too. */
    const reached = new Set<NamedBucket>();
    for (const action of call.actions) {
      if (neverSent(fn, action)) continue;
      if (!allows(grants, action)) {
        need(call, action, false);
        continue;
      }
      const service = action.split(':')[0];
      if (service === 's3') for (const bucket of s3Buckets(call, action)) reached.add(bucket);
      if (service === 'athena') {
        // Every query runs in a workgroup: the one the function is told, else any of the stack's.
        const told = fn.env.ATHENA_WORKGROUP;
        const arns = synthesized.workGroupArns.filter((arn) => typeof told !== 'string' || arn.endsWith(`/${told}`));
        if (arns.length === 0) missing.add(`${describeCall(fn, call)}: the stack has no workgroup ${String(told)}`);
        for (const arn of arns) need(call, action, allows(grants, action, arn), ` on ${arn}`);
      }
      if (call.target && 'env' in call.target) {
        const value = fn.env[call.target.env];
        if (value === undefined)
          missing.add(`${describeCall(fn, call)} reads ${call.target.env}, which ${fn.name} is not given`);
        else need(call, action, allows(grants, action, arnText(value)), ` on ${arnText(value)} (${call.target.env})`);
      }
    }
    for (const bucket of reached)
      if (bucket.key)
        for (const action of call.keyActions)
          need(call, action, allows(grants, action, bucket.key), ` on ${bucket.key}, the key of ${bucket.env}`);
  }
  const s3Actions = calls.flatMap((c) => c.actions).filter((a) => a.startsWith('s3:') && !neverSent(fn, a));
  for (const bucket of buckets)
    if (!s3Actions.some((action) => inBucket(action, bucket)))
      missing.add(`${fn.name} is told ${bucket.env} (${bucket.arn}), but its role allows none of its S3 calls there`);
  return [...missing];

  /** Checks an S3 action on the bucket(s) the call can reach; returns those where its objects are allowed. */
  function s3Buckets(call: SdkCall, action: string): NamedBucket[] {
    const zone = call.target && 'zone' in call.target ? call.target.zone : undefined;
    if (zone === undefined) {
      // Through an S3Store: the bucket it was built on, one of those the function is told about.
      const reachable = buckets.filter((bucket) => inBucket(action, bucket));
      need(call, action, reachable.length > 0, ` in one of ${buckets.map((b) => b.env).join(', ') || 'no bucket'}`);
      return BUCKET_ACTIONS.has(action) ? [] : reachable;
    }
    // `Bucket: buckets.<zone>`: that zone's bucket, keys under `<zone>/`.
    const env = `${zone.toUpperCase()}_BUCKET`;
    const bucket = buckets.find((b) => b.env === env);
    if (!bucket) {
      missing.add(`${describeCall(fn, call)} names the ${zone} zone, but ${fn.name} is not given ${env}`);
      return [];
    }
    const resource = BUCKET_ACTIONS.has(action) ? bucket.arn : `${bucket.arn}/${zone}/*`;
    need(call, action, allows(grants, action, resource), ` on ${resource} (${env})`);
    return BUCKET_ACTIONS.has(action) ? [] : [bucket];
  }
}

describe.each(Object.keys(STAGES))('the %s stack: every AWS call of each function is allowed by its role', (stage) => {
  const synthesized = synthesize(stage);
  const { functions } = synthesized;
  const named = (name: string) => {
    const fn = functions.find((f) => f.name === name);
    if (!fn) throw new Error(`no function ${name} in the ${stage} stack`);
    return fn;
  };

  test('maps each function to its handler by its bundle, once each, and no stray function bundles repository code', () => {
    const handlers = readdirSync(join(ROOT, 'lambdas'))
      .filter((dir) => existsSync(join(ROOT, 'lambdas', dir, 'handler.ts')))
      .map((dir) => `lambdas/${dir}/handler.ts`);
    expect(functions.map((f) => f.handler).sort()).toEqual(handlers.sort());
    expect(synthesized.strays).toEqual([]);
  });

  test('the scanner reads every repository file esbuild bundles into each function', () => {
    for (const fn of functions) {
      const scanned = new Set(sourceFiles(fn.handler));
      const unread = fn.bundled.filter((file) => /\.[cm]?[jt]s$/.test(file) && !scanned.has(file));
      expect({ fn: fn.name, unread }).toEqual({ fn: fn.name, unread: [] });
    }
  });

  test('finds the calls of the functions that obviously call AWS: the API (S3, Athena, Secrets Manager) and the ETL (S3, Secrets Manager)', () => {
    const services = (name: string) =>
      new Set(sdkCalls(named(name).handler).flatMap((c) => c.actions.map((a) => a.split(':')[0])));
    expect([...services('SharingApi/ApiFunction')]).toEqual(expect.arrayContaining(['s3', 'athena', 'secretsmanager']));
    expect([...services('FeedPipeline/EtlFunction')]).toEqual(expect.arrayContaining(['s3', 'secretsmanager']));
    // The presigned upload link PUTs into the raw zone: the scanner sees the command inside getSignedUrl.
    expect(sdkCalls(named('SharingApi/ApiFunction').handler)).toContainEqual(
      expect.objectContaining({ call: 'PutObjectCommand', presigned: true, target: { zone: 'raw' } }),
    );
  });

  test.each(functions.map((fn) => [fn.name, fn] as const))(
    '%s: its role allows every call its code can make, on the resources the code names',
    (_name, fn) => {
      expect(missingGrants(fn, synthesized)).toEqual([]);
    },
  );

  // The guard itself: each kind of check fails on a role that lacks what the code needs.
  const withGrants = (fn: DeployedFunction, edit: (g: Grant) => Grant) => ({ ...fn, grants: fn.grants.map(edit) });

  test('fails on a missing grant, naming the function, the call, its file and the action: the API without its put into raw/', () => {
    const api = named('SharingApi/ApiFunction');
    const withoutRawPut = withGrants(api, (g) =>
      g.actions.includes('s3:PutObject')
        ? { ...g, resources: g.resources.filter((r) => !r.includes('LakeRawBucket')) }
        : g,
    );
    expect(missingGrants(withoutRawPut, synthesized)).toEqual([
      expect.stringMatching(
        /^SharingApi\/ApiFunction \(lambdas\/api\/handler\.ts\): PutObjectCommand \(presigned URL\) at lambdas\/core\/sharing\/links\.ts:\d+ needs s3:PutObject on <LakeRawBucket\w+\.Arn>\/raw\/\* \(RAW_BUCKET\): role SharingApiApiFunctionRole\w+ does not allow it$/,
      ),
      expect.stringMatching(
        /^SharingApi\/ApiFunction is told RAW_BUCKET .* but its role allows none of its S3 calls there$/,
      ),
    ]);
  });

  test('fails on a grant of the wrong resource: the secret the code reads, the workgroup it runs in', () => {
    const api = withGrants(named('SharingApi/ApiFunction'), (g) => ({
      ...g,
      resources: g.resources.map((r) => r.replace('SharingApiCursorSecret', 'SomeOtherSecret')),
    }));
    expect(missingGrants(api, synthesized)).toEqual([
      expect.stringMatching(
        /^SharingApi\/ApiFunction .*: GetSecretValueCommand at lambdas\/api\/handler\.ts:\d+ needs secretsmanager:GetSecretValue on <SharingApiCursorSecret\w+> \(CURSOR_SECRET_ARN\)/,
      ),
    ]);
    const finisher = withGrants(named('SharingApi/ExportFinisher'), (g) => ({
      ...g,
      resources: g.resources.map((r) => r.replace(`workgroup/vpdc-${stage}`, 'workgroup/primary')),
    }));
    expect(missingGrants(finisher, synthesized)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `GetQueryExecutionCommand at lambdas/core/sharing/athena-exports\\.ts:\\d+ needs athena:GetQueryExecution on arn:aws:athena:${ENV.region}:${ENV.account}:workgroup/vpdc-${stage}:`,
        ),
      ),
    );
  });

  test('fails when the key of an SSE-KMS bucket is not allowed: an upload link into raw/ needs kms:GenerateDataKey', () => {
    const api = withGrants(named('SharingApi/ApiFunction'), (g) => ({
      ...g,
      actions: g.actions.filter((a) => !a.startsWith('kms:GenerateDataKey')),
    }));
    expect(missingGrants(api, synthesized)).toContainEqual(
      expect.stringMatching(
        /PutObjectCommand \(presigned URL\) at lambdas\/core\/sharing\/links\.ts:\d+ needs kms:GenerateDataKey on <LakeKey\w+\.Arn>, the key of RAW_BUCKET:/,
      ),
    );
  });

  test('each call listed as never sent is still in its bundle and still not allowed (else drop it from NEVER_SENT)', () => {
    for (const entry of NEVER_SENT) {
      const fn = named(entry.fn);
      const sent = sdkCalls(fn.handler).some((c) => c.actions.includes(entry.action));
      expect({ ...entry, sent, allowed: allows(fn.grants, entry.action) }).toEqual({
        ...entry,
        sent: true,
        allowed: false,
      });
    }
  });
});
