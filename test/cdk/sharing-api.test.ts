import { Match, type Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import grantsJson from '../../lambdas/core/sharing/grants.json';
import { parseGrantsFile } from '../../lambdas/core/sharing/grants-file';
import { OPEN_DATA_PATHS } from '../../lambdas/core/sharing/open-data/open-links';
import { allows, roleGrants } from './role-policies';
import { stageWith, synthStack } from './synth-stack';

const grants = parseGrantsFile(grantsJson);
/** The Athena actions a source file sends: one per `new <Name>Command(` imported from @aws-sdk/client-athena. */
function athenaActions(file: string): string[] {
  const source = readFileSync(join(__dirname, '..', '..', file), 'utf8');
  const imported = /import \{([^}]*)\} from '@aws-sdk\/client-athena'/.exec(source)?.[1] ?? '';
  const commands = imported.match(/\b\w+Command\b/g) ?? [];
  return commands.filter((c) => source.includes(`new ${c}(`)).map((c) => `athena:${c.replace(/Command$/, '')}`);
}

function roleOf(template: Template, functionId: RegExp): string {
  const [fn] = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) => functionId.test(id));
  return fn![1].Properties.Role['Fn::GetAtt'][0];
}

function domainPrefix(template: Template): unknown {
  return Object.values(template.findResources('AWS::Cognito::UserPoolDomain'))[0]!.Properties.Domain;
}

const scopeRef = (scope: string) => ({
  'Fn::Join': ['', [{ Ref: Match.stringLikeRegexp('ResourceServer') }, `/${scope}`]],
});

describe('SharingApi', () => {
  const { template } = synthStack(
    stageWith({ api: { rateLimit: 30, burstLimit: 60, agencyRateLimit: 7, agencyBurstLimit: 14, waf: false } }),
  );

  test('one Cognito app client per agency of the grants, client credentials only, with the scopes its grants need', () => {
    for (const agency of grants.agencies) {
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        ClientName: agency.id,
        GenerateSecret: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: Match.arrayEquals([
          scopeRef('datasets:read'),
          ...agency.feeds.map((f) => scopeRef(`feeds:${f}`)),
          ...(agency.feedHealth ? [scopeRef('feeds:health')] : []),
        ]),
      });
    }
    expect(Object.keys(template.findResources('AWS::Cognito::UserPoolClient'))).toHaveLength(grants.agencies.length);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
  });

  test('the resource server has a feeds:health scope, given only to the app clients of agencies whose grants say feedHealth', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'vpdc',
      Scopes: Match.arrayWith([{ ScopeName: 'feeds:health', ScopeDescription: Match.stringLikeRegexp('health') }]),
    });
    const scopesOf = (id: string) =>
      JSON.stringify(
        Object.values(template.findResources('AWS::Cognito::UserPoolClient', { Properties: { ClientName: id } }))[0]
          ?.Properties.AllowedOAuthScopes,
      );
    expect(grants.agencies.find((a) => a.id === 'ioc')?.feedHealth).toBe(true);
    expect(scopesOf('ioc')).toContain('/feeds:health');
    expect(grants.agencies.filter((a) => !a.feedHealth).length).toBeGreaterThan(0);
    for (const agency of grants.agencies.filter((a) => !a.feedHealth))
      expect({ agency: agency.id, scopes: scopesOf(agency.id) }).toEqual({
        agency: agency.id,
        scopes: expect.not.stringContaining('/feeds:health'),
      });
    // API Gateway lets a token through with any one of the method's scopes: a feeds:health-only token must pass it too.
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'ANY',
      AuthorizationScopes: Match.arrayWith(['vpdc/feeds:health']),
    });
  });

  test('every /v1 route needs a Cognito token; only health, the OpenAPI document, the docs and open data are open', () => {
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'ANY',
      AuthorizationType: 'COGNITO_USER_POOLS',
      AuthorizationScopes: Match.arrayWith(['vpdc/datasets:read']),
    });
    const open = Object.values(
      template.findResources('AWS::ApiGateway::Method', { Properties: { AuthorizationType: 'NONE' } }),
    );
    // Which paths these are: open-data-api.test.ts.
    expect(open.map((m) => m.Properties.HttpMethod)).toEqual(Array(3 + OPEN_DATA_PATHS.length).fill('GET'));
  });

  test('gives each agency an API key and a usage plan that throttles it on its own', () => {
    for (const agency of grants.agencies) {
      template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
        UsagePlanName: `vpdc-dev-${agency.id}`,
        Throttle: { RateLimit: 7, BurstLimit: 14 },
      });
      template.hasResourceProperties('AWS::ApiGateway::ApiKey', { Name: `vpdc-dev-${agency.id}` });
    }
    template.resourceCountIs('AWS::ApiGateway::UsagePlanKey', grants.agencies.length);
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'ANY', ApiKeyRequired: true });
  });

  test('throttles the stage from the stage config and keeps access logs', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
      MethodSettings: Match.arrayWith([Match.objectLike({ ThrottlingRateLimit: 30, ThrottlingBurstLimit: 60 })]),
    });
  });

  test('gzips responses of 1 KiB and more for clients that accept it, and lets binary rows (Parquet, Arrow) through as bytes', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      MinimumCompressionSize: 1024,
      BinaryMediaTypes: ['*/*'],
    });
  });

  test('puts WAF in front only when the stage says so (prod)', () => {
    expect(template.findResources('AWS::WAFv2::WebACL')).toEqual({});
    const { template: prod } = synthStack(stageWith({}, 'prod'));
    prod.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    prod.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([Match.objectLike({ Name: 'RatePerIp' })]),
    });
  });

  test('the API function reads manifests, appends audit/, writes exports/ and subscriptions/, may PUT raw/ (for upload links) and deletes nothing', () => {
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { PolicyName: Match.stringLikeRegexp('^SharingApiApiFunctionRole') },
    });
    const statements = Object.values(policies).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
    const prefixes = (action: string) =>
      statements
        .filter((s) => [s.Action].flat().includes(action))
        .flatMap((s) => [s.Resource].flat())
        .flatMap((r) => /\/([a-z-]+)\/\*"/.exec(JSON.stringify(r))?.[1] ?? [])
        .sort();
    // results/: Athena writes query results with the caller's rights; subscriptions/: rewritten
    // on cancellation, never deleted (access requests are items of a DynamoDB table).
    expect(prefixes('s3:PutObject')).toEqual(['audit', 'exports', 'raw', 'results', 'subscriptions']);
    expect(prefixes('s3:DeleteObject*')).toEqual([]);
    expect(prefixes('s3:GetObject*')).toEqual(expect.arrayContaining(['curated', 'manifests', 'results']));
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          VPDC_SQL_DIR: '/var/task/sql',
          AGENCY_CLIENTS: Match.anyValue(),
          TOKEN_ISSUER: Match.anyValue(),
        }),
      },
    });
  });

  test('the API role allows every Athena action athena-exports.ts sends, and the finisher role the one it needs, on the workgroup', () => {
    const grants = roleGrants(template);
    const workGroup = `arn:aws:athena:ap-southeast-1:111122223333:workgroup/${Object.values(template.findResources('AWS::Athena::WorkGroup'))[0]!.Properties.Name}`;
    const sent = athenaActions('lambdas/core/sharing/athena-exports.ts');
    expect(sent).toEqual(expect.arrayContaining(['athena:StartQueryExecution', 'athena:GetQueryExecution']));
    const api = grants.get(roleOf(template, /^SharingApiApiFunction/))!;
    for (const action of sent)
      expect({ action, allowed: allows(api, action, workGroup) }).toEqual({ action, allowed: true });
    const finisher = grants.get(roleOf(template, /^SharingApiExportFinisher/))!;
    expect(allows(finisher, 'athena:GetQueryExecution', workGroup)).toBe(true);
    expect(allows(finisher, 'athena:StartQueryExecution')).toBe(false);
    const exportFile = `${exportsBucketArn(template)}/exports/ubnd-vinh-yen/e-1/20261127_part-0`;
    for (const action of ['s3:GetObject', 's3:PutObject'])
      expect({ action, allowed: allows(finisher, action, exportFile) }).toEqual({ action, allowed: true });
    expect(allows(finisher, 's3:DeleteObject')).toBe(false);
  });

  test("the export finisher runs on the end of the workgroup's queries, with 15 minutes to hash an export", () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.athena'],
        'detail-type': ['Athena Query State Change'],
        detail: { workgroupName: [Match.anyValue()], currentState: ['SUCCEEDED', 'FAILED', 'CANCELLED'] },
      },
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SharingApiExportFinisher'), 'Arn'] } }),
      ],
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('full export'),
      Timeout: 900,
      Environment: {
        Variables: Match.objectLike({ EXPORTS_BUCKET: Match.anyValue(), ATHENA_WORKGROUP: Match.anyValue() }),
      },
    });
  });

  test('the Cognito domain prefix differs between accounts and regions (prefixes are unique across all of AWS)', () => {
    const prefix = (account: string, region: string) =>
      domainPrefix(synthStack(stageWith(), { env: { account, region } }).template);
    const here = prefix('111122223333', 'ap-southeast-1');
    expect(here).toMatch(/^vpdc-dev-[0-9a-f]{10}$/);
    expect(prefix('444455556666', 'ap-southeast-1')).not.toEqual(here);
    expect(prefix('111122223333', 'ap-southeast-2')).not.toEqual(here);
    expect(
      domainPrefix(
        synthStack(stageWith({}, 'prod'), { env: { account: '111122223333', region: 'ap-southeast-1' } }).template,
      ),
    ).not.toEqual(here);
    // Account and region unknown at synth (no CDK_DEFAULT_ACCOUNT): the stack's own UUID, from its id.
    expect(JSON.stringify(domainPrefix(synthStack(stageWith(), { env: {} }).template))).toContain('AWS::StackId');
  });
});

/** The exports bucket's (Athena results bucket's) ARN as `roleGrants` renders it. */
function exportsBucketArn(template: Template): string {
  const id = Object.keys(template.findResources('AWS::S3::Bucket')).find((b) =>
    /AthenaResultsBucket[0-9A-F]{8}$/.test(b),
  );
  return `<${id}.Arn>`;
}
