import { AssetHashType, CfnOutput, DockerImage, Duration, RemovalPolicy, Token, Validations } from 'aws-cdk-lib';
import type { RestApiBase } from 'aws-cdk-lib/aws-apigateway';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { RestApiOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { buildDashboard, WEB_DIR, type DashboardConfig } from '../../web/build-dashboard';
import { DASHBOARD_CSP } from '../../web/security-headers';
import { acknowledgeBucketDeployment } from '../nag/acknowledge';

export interface DashboardSiteProps {
  /** The sharing API: CloudFront sends `/v1/*` to it, so the page calls it on its own origin (no CORS). */
  readonly api: RestApiBase;
  /**
   * The Vite project of the page (`index.html` and a `vite.config.{ts,mts,js,mjs}`), built with
   * the repository's own vite at synth.
   * @default - the repository's web/ folder
   */
  readonly webDir?: string;
  /**
   * Delete the site and log buckets, their objects and the deployment logs with the stack.
   * @default false - both buckets and the log group are RETAINed when the stack is deleted
   */
  readonly removeDataOnDestroy?: boolean;
  /**
   * Where the S3 server access logs of the site and log buckets go (the lake's access-log bucket).
   * @default - the site bucket logs into the site's own log bucket, under s3-access/
   */
  readonly accessLogsBucket?: IBucket;
  /**
   * Days before CloudFront's access logs are deleted.
   * @default 365
   */
  readonly accessLogsExpireDays?: number;
  /**
   * Custom domain names of the dashboard, with `certificate`.
   * @default - the distribution's own cloudfront.net name only
   */
  readonly domainNames?: string[];
  /**
   * ACM certificate (in us-east-1) for `domainNames`; with it, viewers need TLS 1.2 or later.
   * @default - CloudFront's default certificate, whose TLS policy cannot be raised
   */
  readonly certificate?: ICertificate;
  /**
   * ARN of an AWS WAF web ACL with CLOUDFRONT scope (it lives in us-east-1, outside this stack).
   * @default - no web ACL on the distribution
   */
  readonly webAclArn?: string;
  /**
   * Days the deployment helper's log group keeps entries.
   * @default 30
   */
  readonly logRetentionDays?: number;
}

/**
 * The operations-center dashboard: the static page of web/ (built by Vite at synth, no Docker)
 * in a private bucket, served by CloudFront through origin access control, with `/v1/*` on the
 * same distribution going to the sharing API uncached, so the page calls the API on its own
 * origin with the caller's Authorization header. Security headers (CSP, HSTS, nosniff, frame
 * DENY) on every response, access logs in a bucket of its own.
 */
export class DashboardSite extends Construct {
  readonly bucket: Bucket;
  /** Where CloudFront writes its access logs (CloudFront needs ACLs; the lake's buckets have none). */
  readonly logsBucket: Bucket;
  readonly distribution: Distribution;
  /** `https://<domain>/` of the dashboard. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: DashboardSiteProps) {
    super(scope, id);
    const removeData = props.removeDataOnDestroy ?? false;
    const removalPolicy = removeData ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const accessLogsExpireDays = props.accessLogsExpireDays ?? 365;
    validateDays('accessLogsExpireDays', accessLogsExpireDays);
    const webDir = props.webDir ?? WEB_DIR;

    // CloudFront's standard logs are delivered through bucket ACLs: this bucket keeps ACLs on
    // (owner preferred, so the account owns the log files); every other bucket has them off.
    this.logsBucket = new Bucket(this, 'LogsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'ExpireLogs', expiration: Duration.days(accessLogsExpireDays) }],
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: props.accessLogsBucket ? 'dashboard-logs/' : undefined,
      removalPolicy,
      autoDeleteObjects: removeData,
    });
    if (!props.accessLogsBucket) {
      Validations.of(this.logsBucket).acknowledge({
        id: 'AwsSolutions-S1',
        reason: "This is the dashboard's log bucket itself; logging it into itself would loop.",
      });
    }

    this.bucket = new Bucket(this, 'SiteBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogsBucket ?? this.logsBucket,
      serverAccessLogsPrefix: props.accessLogsBucket ? 'dashboard/' : 's3-access/',
      removalPolicy,
      autoDeleteObjects: removeData,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'vpdc dashboard: CSP (own origin only), HSTS, nosniff, no framing, origin-only referrer',
      securityHeadersBehavior: {
        // One text with the local server's (`vpdc serve`): web/security-headers.ts.
        contentSecurityPolicy: { contentSecurityPolicy: DASHBOARD_CSP, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'vpdc operations-center dashboard',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        compress: true,
        responseHeadersPolicy: headers,
      },
      additionalBehaviors: {
        // The API on the page's origin: never cached, every method, every viewer header
        // (Authorization for the Cognito authorizer, x-api-key for the usage plan) but Host,
        // which must name API Gateway's own domain.
        '/v1/*': {
          origin: new RestApiOrigin(props.api),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
      // Edge locations of North America, Europe, Asia (Vietnam included), the Middle East and Africa.
      priceClass: PriceClass.PRICE_CLASS_200,
      httpVersion: HttpVersion.HTTP2_AND_3,
      domainNames: props.domainNames,
      certificate: props.certificate,
      // Only a custom certificate can carry a TLS policy; the default one stays at CloudFront's.
      minimumProtocolVersion: props.certificate ? SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      webAclId: props.webAclArn,
      logBucket: this.logsBucket,
      logFilePrefix: 'cloudfront/',
    });
    const distribution = this.distribution;
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'A public-sector dashboard: officials sign in from wherever they are (missions abroad included); access is decided by Cognito tokens, not by country.',
    });
    if (!props.certificate) {
      Validations.of(distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          "No custom domain is configured: CloudFront's default *.cloudfront.net certificate cannot take a TLS security policy. With `certificate`, viewers need TLSv1.2_2021.",
      });
    }
    if (!props.webAclArn) {
      Validations.of(distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'A CloudFront web ACL must live in us-east-1, outside this regional stack; the API behind /v1/* keeps its regional WAF where the stage enables it (prod), and the rest is static files.',
      });
    }

    // Hashed by the build's output, so a new vite or ECharts redeploys the page even when web/ is unchanged.
    const files = Source.asset(webDir, {
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        image: DockerImage.fromRegistry('node:20-slim'), // never used: the local build always runs
        local: {
          tryBundle(outputDir: string): boolean {
            buildDashboard(outputDir, webDir);
            return true;
          },
        },
      },
    });
    // Its own role and log group (with retention) instead of AWSLambdaBasicExecutionRole.
    const deployLogs = new LogGroup(this, 'DeploymentLogs', {
      retention: retentionDays(props.logRetentionDays ?? 30),
      removalPolicy,
    });
    const deployRole = new Role(this, 'DeploymentRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    deployLogs.grantWrite(deployRole);
    // Hashed assets never change: cache them a year. The HTML is revalidated on every load, so a
    // browser never keeps a page whose assets a later deployment removed.
    const assets = new BucketDeployment(this, 'AssetsDeployment', {
      sources: [files],
      destinationBucket: this.bucket,
      include: ['assets/*'],
      exclude: ['*'],
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
      // Older hashed assets stay, so a page opened before a deployment keeps working.
      prune: false,
      role: deployRole,
      logGroup: deployLogs,
    });
    const config: DashboardConfig = { apiKeyRequired: true };
    const page = new BucketDeployment(this, 'PageDeployment', {
      // config.json: behind API Gateway the page asks for the agency's API key beside its token.
      sources: [files, Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      exclude: ['assets/*'],
      cacheControl: [CacheControl.noCache()],
      distribution,
      distributionPaths: ['/*'],
      role: deployRole,
      logGroup: deployLogs,
    });
    // The new page only once the assets it names are in place.
    page.node.addDependency(assets);
    acknowledgeBucketDeployment(page, this.bucket, 'The dashboard deployment writes the site bucket');

    this.url = `https://${props.domainNames?.[0] ?? distribution.distributionDomainName}/`;
    new CfnOutput(this, 'DashboardUrl', { value: this.url, description: 'The operations-center dashboard' });
  }
}

function retentionDays(days: number): RetentionDays {
  const allowed = Object.values(RetentionDays).filter((v): v is RetentionDays => typeof v === 'number');
  const match = allowed.find((v) => v === days);
  if (match === undefined)
    throw new Error(`logRetentionDays must be one of CloudWatch's values (${allowed.join(', ')}), got ${days}`);
  return match;
}

function validateDays(name: string, days: number): void {
  if (Token.isUnresolved(days)) return;
  if (!Number.isInteger(days) || days < 1) throw new Error(`${name} must be an integer >= 1, got ${days}`);
}
