import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { join } from 'node:path';

export interface VpdcFunctionProps {
  /** The handler file, relative to `lambdas/`: `etl/handler.ts`. */
  readonly entry: string;
  readonly description: string;
  /** Where Powertools metrics go: `metricsNamespace(stage)` from lambdas/core. */
  readonly metricsNamespace: string;
  /**
   * @default 1024
   */
  readonly memoryMb?: number;
  /**
   * @default Duration.minutes(1)
   */
  readonly timeout?: Duration;
  /**
   * Days the function's log group keeps entries.
   * @default 30
   */
  readonly logRetentionDays?: number;
  /** Extra files or folders the bundle needs beside index.js, as paths relative to the repository root. */
  readonly bundleFiles?: string[];
  /** @default RemovalPolicy.RETAIN for the log group */
  readonly logRemovalPolicy?: RemovalPolicy;
}

const ROOT = join(__dirname, '..', '..');

/**
 * The Lambda defaults of the data center in one place: Node.js 24 on ARM64, bundled by the
 * esbuild in node_modules (no Docker), minified with source maps, X-Ray tracing, JSON logs
 * into a log group with retention, the Powertools metrics namespace in the environment.
 */
export class VpdcFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: VpdcFunctionProps) {
    const memoryMb = props.memoryMb ?? 1024;
    if (memoryMb < 128 || memoryMb > 10_240) throw new Error(`memoryMb must be 128..10240, got ${memoryMb}`);
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: retentionDays(props.logRetentionDays ?? 30),
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    const bundleFiles = props.bundleFiles ?? [];
    // Its own role with log rights to its own log group, instead of the managed
    // AWSLambdaBasicExecutionRole (which may write to any log group).
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    super(scope, id, {
      role,
      entry: join(ROOT, 'lambdas', props.entry),
      depsLockFilePath: join(ROOT, 'package-lock.json'),
      projectRoot: ROOT,
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: memoryMb,
      timeout: props.timeout ?? Duration.minutes(1),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      environment: {
        // Half the memory for the JavaScript heap: V8 otherwise sizes it for the machine, not
        // the function, and the rest holds the Parquet encoder's wasm memory and its thread.
        NODE_OPTIONS: `--enable-source-maps --max-old-space-size=${Math.floor(memoryMb / 2)}`,
        POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace,
      },
      bundling: {
        format: OutputFormat.CJS,
        target: 'node20',
        minify: true,
        sourceMap: true,
        // Maps without the sources: stack traces keep file and line, the zip stays under 3 MB.
        sourcesContent: false,
        // One SDK version everywhere: bundled, not the runtime's.
        bundleAwsSDK: true,
        forceDockerBundling: false,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_input: string, output: string) =>
            bundleFiles.map((file) => `cp -R "${join(ROOT, file)}" "${output}/"`),
        },
      },
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.',
    });
  }
}

function retentionDays(days: number): RetentionDays {
  const allowed = Object.values(RetentionDays).filter((v): v is RetentionDays => typeof v === 'number');
  const match = allowed.find((v) => v === days);
  if (match === undefined)
    throw new Error(`logRetentionDays must be one of CloudWatch's values (${allowed.join(', ')}), got ${days}`);
  return match;
}
