import { AssetStaging, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { MockIntegration, RestApi, type CfnRestApi } from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardSite, type DashboardSiteProps } from '../../lib/constructs/dashboard-site';
import { DASHBOARD_CSP } from '../../web/security-headers';
import { stageWith, synthStack, testApp } from './synth-stack';

// AWS managed CloudFront policies, by their fixed ids.
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

function siteOnly(
  props: Partial<DashboardSiteProps> = {},
  options: { bundle?: boolean } = {},
): { stack: Stack; site: DashboardSite; template: Template } {
  const stack = new Stack(testApp(options), 'T');
  const api = new RestApi(stack, 'Api', { deployOptions: { stageName: 'v1' } });
  api.root.addMethod('GET', new MockIntegration());
  const site = new DashboardSite(stack, 'Dashboard', { api, ...props });
  return { stack, site, template: Template.fromStack(stack) };
}

const distributionConfig = (template: Template) =>
  Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
const bucketsOf = (template: Template, prefix: string) =>
  Object.entries(template.findResources('AWS::S3::Bucket')).filter(([id]) => id.startsWith(prefix));
const webAsset = (site: DashboardSite) =>
  site.node
    .findAll()
    .find(
      (c): c is AssetStaging => c instanceof AssetStaging && c.node.path.endsWith('AssetsDeployment/Asset1/Stage'),
    )!;

describe('DashboardSite', () => {
  const { template } = siteOnly();

  test('keeps the page in a private, TLS-only bucket with S3-managed encryption, never a website', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      WebsiteConfiguration: Match.absent(),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^DashboardSiteBucket') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  test('CloudFront reads the bucket through origin access control, for its own distribution only', () => {
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    const s3Origin = distributionConfig(template).Origins.find((o: { S3OriginConfig?: unknown }) => o.S3OriginConfig);
    expect(s3Origin).toMatchObject({
      DomainName: { 'Fn::GetAtt': [expect.stringMatching(/^DashboardSiteBucket/), 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^DashboardSiteBucket') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: {
              StringEquals: {
                'AWS:SourceArn': Match.objectLike({
                  'Fn::Join': Match.arrayWith([
                    Match.arrayWith([{ Ref: Match.stringLikeRegexp('^DashboardDistribution') }]),
                  ]),
                }),
              },
            },
          }),
        ]),
      },
    });
  });

  test('redirects to HTTPS, compresses, serves index.html at / and uses the edge locations of Asia (PriceClass_200)', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        DefaultRootObject: 'index.html',
        PriceClass: 'PriceClass_200',
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          Compress: true,
          AllowedMethods: Match.absent(),
        }),
      },
    });
  });

  test('sends /v1/* to the sharing API stage uncached, with every viewer header but Host (Authorization reaches the Cognito authorizer)', () => {
    const config = distributionConfig(template);
    expect(config.CacheBehaviors).toEqual([
      expect.objectContaining({
        PathPattern: '/v1/*',
        CachePolicyId: CACHING_DISABLED,
        OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        ViewerProtocolPolicy: 'https-only',
      }),
    ]);
    const apiOrigin = config.Origins.find((o: { Id: string }) => o.Id === config.CacheBehaviors[0].TargetOriginId);
    expect(apiOrigin.CustomOriginConfig).toEqual({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    // The execute-api host of the RestApi, and its stage as the origin path.
    expect(JSON.stringify(apiOrigin.DomainName)).toMatch(/"Ref":"Api[0-9A-F]{8}".*execute-api/);
    expect(JSON.stringify(apiOrigin.OriginPath)).toMatch(/^\{"Fn::Join":\["",\["\/",\{"Fn::Select":\[3/);
  });

  test('adds HSTS, nosniff, frame DENY, a referrer policy and a CSP allowing only its own origin (inline styles for ECharts) to every response', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: DASHBOARD_CSP, Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
          StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true },
        },
      },
    });
    // The text shared with the local server keeps the page on its own origin.
    const directives = DASHBOARD_CSP.split(/;\s*/);
    expect(directives).toEqual(
      expect.arrayContaining([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
      ]),
    );
    const config = distributionConfig(template);
    const policy = { Ref: expect.stringMatching(/^DashboardSecurityHeaders/) };
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual(policy);
    expect(config.CacheBehaviors[0].ResponseHeadersPolicyId).toEqual(policy);
  });

  test('logs CloudFront access into its own ACL-enabled log bucket under cloudfront/, kept 365 days by default', () => {
    expect(distributionConfig(template).Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [expect.stringMatching(/^DashboardLogsBucket/), 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
    const [[, logs]] = bucketsOf(template, 'DashboardLogsBucket') as [
      [string, { Properties: Record<string, unknown> }],
    ];
    expect(logs.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] });
    expect(logs.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(logs.Properties.LifecycleConfiguration).toHaveProperty('Rules', [
      expect.objectContaining({ Id: 'ExpireLogs', ExpirationInDays: 365 }),
    ]);
    siteOnly({ accessLogsExpireDays: 30 }).template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ Id: 'ExpireLogs', ExpirationInDays: 30 })] },
    });
  });

  test("sends the site bucket's S3 access logs to the given access-log bucket, or to its own log bucket by default", () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: {
        DestinationBucketName: { Ref: Match.stringLikeRegexp('^DashboardLogsBucket') },
        LogFilePrefix: 's3-access/',
      },
    });
    const stack = new Stack(testApp(), 'T');
    const api = new RestApi(stack, 'Api');
    api.root.addMethod('GET', new MockIntegration());
    new DashboardSite(stack, 'Dashboard', { api, accessLogsBucket: new Bucket(stack, 'AccessLogs') });
    const withLake = Template.fromStack(stack);
    withLake.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: {
        DestinationBucketName: { Ref: Match.stringLikeRegexp('^AccessLogs') },
        LogFilePrefix: 'dashboard/',
      },
    });
    withLake.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: {
        DestinationBucketName: { Ref: Match.stringLikeRegexp('^AccessLogs') },
        LogFilePrefix: 'dashboard-logs/',
      },
    });
  });

  test('retains both buckets and the deployment logs by default, destroys them only with removeDataOnDestroy', () => {
    for (const [, bucket] of bucketsOf(template, 'Dashboard')) expect(bucket.DeletionPolicy).toBe('Retain');
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    const { template: destroyed } = siteOnly({ removeDataOnDestroy: true });
    const buckets = bucketsOf(destroyed, 'Dashboard');
    expect(buckets).toHaveLength(2);
    for (const [, bucket] of buckets) expect(bucket.DeletionPolicy).toBe('Delete');
    destroyed.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
  });

  test('the stage config drives the stack: prod retains the dashboard buckets, dev (removeDataOnDestroy) deletes them', () => {
    const { stack, template: prod } = synthStack(stageWith({}, 'prod'));
    const { template: dev } = synthStack();
    for (const [, bucket] of bucketsOf(prod, 'Dashboard')) expect(bucket.DeletionPolicy).toBe('Retain');
    for (const [, bucket] of bucketsOf(dev, 'Dashboard')) expect(bucket.DeletionPolicy).toBe('Delete');
    expect(bucketsOf(prod, 'Dashboard')).toHaveLength(2);
    // The API behind /v1/* is the stack's sharing API.
    const apiId = stack.getLogicalId(stack.sharingApi.api.node.defaultChild as CfnRestApi);
    expect(JSON.stringify(distributionConfig(prod).Origins)).toContain(`{"Ref":"${apiId}"},".execute-api.`);
  });

  test('deploys the hashed assets (cached a year, kept across deployments), then the page (revalidated) and invalidates /*', () => {
    const deployments = template.findResources('Custom::CDKBucketDeployment');
    expect(Object.keys(deployments)).toHaveLength(2);
    const assetsId = Object.keys(deployments).find((id) => id.startsWith('DashboardAssetsDeployment'))!;
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: Match.stringLikeRegexp('^DashboardSiteBucket') },
      Include: ['assets/*'],
      Exclude: ['*'],
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
      DistributionId: Match.absent(),
    });
    template.hasResource('Custom::CDKBucketDeployment', {
      Properties: Match.objectLike({
        DestinationBucketName: { Ref: Match.stringLikeRegexp('^DashboardSiteBucket') },
        Exclude: ['assets/*'],
        Prune: true,
        SystemMetadata: { 'cache-control': 'no-cache' },
        DistributionId: { Ref: Match.stringLikeRegexp('^DashboardDistribution') },
        DistributionPaths: ['/*'],
      }),
      DependsOn: Match.arrayWith([assetsId]),
    });
  });

  test('the deployment helper has its own role and a log group with retention (30 days by default), not AWSLambdaBasicExecutionRole', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DashboardDeploymentRole'), 'Arn'] },
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^DashboardDeploymentLogs') } },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    const [role] = Object.entries(template.findResources('AWS::IAM::Role')).filter(([id]) =>
      id.startsWith('DashboardDeploymentRole'),
    );
    expect(role![1].Properties.ManagedPolicyArns).toBeUndefined();
    expect(role![1].Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({ Principal: { Service: 'lambda.amazonaws.com' } }),
    ]);
  });

  test('outputs the dashboard URL, https://<distribution domain>/', () => {
    template.hasOutput('*', {
      Value: {
        'Fn::Join': [
          '',
          ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('^DashboardDistribution'), 'DomainName'] }, '/'],
        ],
      },
    });
  });

  test('builds the repository web/ with vite by default: the deployed files are the build (index.html and hashed assets), not the sources', () => {
    const { site } = siteOnly({}, { bundle: true });
    const built = webAsset(site).absoluteStagedPath;
    expect(readdirSync(built).sort()).toEqual(expect.arrayContaining(['assets', 'index.html']));
    expect(readdirSync(built)).not.toContain('src');
    const html = readFileSync(join(built, 'index.html'), 'utf8');
    expect(html).toMatch(/<script type="module"[^>]* src="\.\/assets\/[^"]+\.js"/);
    expect(html).not.toContain('src/main.ts');
    expect(webAsset(siteOnly().site).sourcePath).toBe(join(__dirname, '..', '..', 'web'));
  });

  test("deploys a config.json beside the page that makes it ask for the agency's API key (API Gateway wants x-api-key)", () => {
    const { site } = siteOnly();
    const staged = site.node
      .findAll()
      .filter((c): c is AssetStaging => c instanceof AssetStaging && c.node.path.includes('PageDeployment'));
    const configs = staged
      .map((s) => join(s.absoluteStagedPath, 'config.json'))
      .filter((path) => {
        try {
          return readFileSync(path).length > 0;
        } catch {
          return false;
        }
      });
    expect(configs).toHaveLength(1);
    expect(JSON.parse(readFileSync(configs[0]!, 'utf8'))).toEqual({ apiKeyRequired: true });
  });

  test('fails the synth, naming the folder, when webDir has no Vite config', () => {
    const webDir = mkdtempSync(join(tmpdir(), 'vpdc-web-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>t</title>');
    expect(() => siteOnly({ webDir }, { bundle: true })).toThrow(
      `no Vite config at ${join(webDir, 'vite.config.mts')}`,
    );
  });

  test('builds the webDir it is given', () => {
    const webDir = mkdtempSync(join(tmpdir(), 'vpdc-web-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>t</title>');
    expect(webAsset(siteOnly({ webDir }).site).sourcePath).toBe(webDir);
  });

  test('without a custom domain or web ACL, CFR4 and CFR2 are acknowledged; with a certificate viewers need TLSv1.2_2021 and the web ACL is attached', () => {
    expect(distributionConfig(template).ViewerCertificate).toBeUndefined();
    expect(acknowledged(siteOnly().site.distribution)).toEqual(
      expect.arrayContaining(['AwsSolutions-CFR4', 'AwsSolutions-CFR2', 'AwsSolutions-CFR1']),
    );

    const custom = new Stack(testApp(), 'C');
    const api = new RestApi(custom, 'Api');
    api.root.addMethod('GET', new MockIntegration());
    const certificate = Certificate.fromCertificateArn(
      custom,
      'Cert',
      'arn:aws:acm:us-east-1:111122223333:certificate/0f0e0d0c-0b0a-0908-0706-050403020100',
    );
    const withDomain = new DashboardSite(custom, 'Dashboard', {
      api,
      certificate,
      domainNames: ['dashboard.vinhphuc.gov.vn'],
      webAclArn: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/vpdc/0f0e0d0c',
    });
    const t = Template.fromStack(custom);
    expect(distributionConfig(t)).toMatchObject({
      Aliases: ['dashboard.vinhphuc.gov.vn'],
      ViewerCertificate: { MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      WebACLId: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/vpdc/0f0e0d0c',
    });
    expect(acknowledged(withDomain.distribution)).not.toContain('AwsSolutions-CFR4');
    expect(acknowledged(withDomain.distribution)).not.toContain('AwsSolutions-CFR2');
    t.hasOutput('*', { Value: 'https://dashboard.vinhphuc.gov.vn/' });
  });

  test('rejects log retention days CloudWatch or S3 cannot keep, showing the value', () => {
    expect(() => siteOnly({ accessLogsExpireDays: 0 })).toThrow('accessLogsExpireDays must be an integer >= 1, got 0');
    expect(() => siteOnly({ logRetentionDays: 13 })).toThrow(
      /^logRetentionDays must be one of CloudWatch's values \(.*\), got 13$/,
    );
  });
});

function acknowledged(scope: { node: { metadata: { type: string; data: unknown }[] } }): string[] {
  return scope.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.keys(m.data as Record<string, string>))
    .map((id) => id.replace(/^annotation::/i, ''));
}
