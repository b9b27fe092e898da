import { Match, Template } from 'aws-cdk-lib/assertions';
import grantsJson from '../../lambdas/core/sharing/grants.json';
import { parseGrantsFile } from '../../lambdas/core/sharing/grants-file';
import { OPEN_DATA_PATHS } from '../../lambdas/core/sharing/open-data/open-links';
import { SharingApi } from '../../lib/constructs/sharing-api';
import { DataCenterStack } from '../../lib/data-center-stack';
import { stageWith, synthStack, testApp } from './synth-stack';

/** Each API Gateway method with the full path of its resource, walked up from its parents. */
function methodsByPath(template: Template): { path: string; method: Record<string, unknown> }[] {
  const resources = template.findResources('AWS::ApiGateway::Resource');
  const restApi = Object.keys(template.findResources('AWS::ApiGateway::RestApi'))[0]!;
  const pathOf = (ref: unknown): string => {
    const id = (ref as { Ref?: string }).Ref;
    if (id === undefined || !(id in resources)) return ''; // the root: Fn::GetAtt RootResourceId
    const { ParentId, PathPart } = resources[id]!.Properties as { ParentId: unknown; PathPart: string };
    return `${pathOf(ParentId)}/${PathPart}`;
  };
  return Object.values(template.findResources('AWS::ApiGateway::Method'))
    .filter((m) => JSON.stringify(m.Properties.RestApiId).includes(restApi))
    .map((m) => ({ path: pathOf(m.Properties.ResourceId) || '/', method: m.Properties }));
}

describe('the open-data routes in the stack', () => {
  const { template } = synthStack(stageWith({}, 'dev'));
  const methods = methodsByPath(template);

  test('each public open-data path has a GET method without an authorizer or API key', () => {
    for (const path of OPEN_DATA_PATHS) {
      const found = methods.filter((m) => m.path === path);
      expect({ path, methods: found.map((m) => m.method.HttpMethod) }).toEqual({ path, methods: ['GET'] });
      expect(found[0]!.method).toMatchObject({ AuthorizationType: 'NONE' });
      expect(found[0]!.method.AuthorizerId).toBeUndefined();
      expect(found[0]!.method.ApiKeyRequired ?? false).toBe(false);
    }
  });

  test('every /v1 method still needs the Cognito authorizer and an API key; nothing else is open', () => {
    const v1 = methods.filter((m) => m.path === '/v1' || m.path.startsWith('/v1/'));
    expect(v1.length).toBeGreaterThan(0);
    for (const { path, method } of v1)
      expect({
        path,
        auth: method.AuthorizationType,
        authorizer: Boolean(method.AuthorizerId),
        key: method.ApiKeyRequired,
      }).toEqual({
        path,
        auth: 'COGNITO_USER_POOLS',
        authorizer: true,
        key: true,
      });
    const open = methods.filter((m) => m.method.AuthorizationType === 'NONE').map((m) => m.path);
    expect(open.sort()).toEqual(['/docs', '/health', '/openapi.json', ...OPEN_DATA_PATHS].sort());
  });

  test('the public tier is throttled per route, 10 requests/s and bursts of 20 by default', () => {
    const settings = template.findResources('AWS::ApiGateway::Stage')[
      Object.keys(template.findResources('AWS::ApiGateway::Stage'))[0]!
    ]!.Properties.MethodSettings as {
      ResourcePath: string;
      HttpMethod: string;
      ThrottlingRateLimit: number;
      ThrottlingBurstLimit: number;
    }[];
    for (const path of OPEN_DATA_PATHS)
      expect(settings).toContainEqual(
        expect.objectContaining({
          ResourcePath: `/${path.replaceAll('/', '~1')}`,
          HttpMethod: 'GET',
          ThrottlingRateLimit: 10,
          ThrottlingBurstLimit: 20,
        }),
      );
  });

  test("the API function's catalog links name the stage's own URL, not a request's Host", () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          PUBLIC_BASE_URL: {
            'Fn::Join': [
              '',
              [
                'https://',
                { Ref: Match.stringLikeRegexp('Api') },
                Match.stringLikeRegexp('execute-api'),
                { Ref: 'AWS::Region' },
                '.',
                { Ref: 'AWS::URLSuffix' },
                '/v1',
              ],
            ],
          },
        }),
      },
    });
    const stack = freshStack();
    const custom = new SharingApi(stack, 'Custom', { ...partsOf(stack), publicUrl: 'https://data.example.test' });
    const env = Template.fromStack(stack).findResources('AWS::Lambda::Function', {
      Properties: { FunctionName: Match.absent() },
    });
    const own = Object.entries(env).find(([id]) => id.startsWith(`Custom${custom.apiFunction.node.id}`));
    expect(own?.[1].Properties.Environment.Variables.PUBLIC_BASE_URL).toBe('https://data.example.test');
  });

  test('in a stage with WAF, one rule limits each client address on the open-data paths', () => {
    const { template: prod } = synthStack(stageWith({}, 'prod'));
    prod.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'OpenDataRatePerIp',
          Action: { Block: {} },
          Statement: {
            RateBasedStatement: Match.objectLike({
              AggregateKeyType: 'IP',
              Limit: 600,
              ScopeDownStatement: {
                OrStatement: {
                  Statements: ['/open/v1/', '/api/3/action/'].map((part) =>
                    Match.objectLike({
                      ByteMatchStatement: Match.objectLike({ SearchString: part, PositionalConstraint: 'CONTAINS' }),
                    }),
                  ),
                },
              },
            }),
          },
        }),
      ]),
    });
  });

  test('refuses open-data limits under 1, showing them', () => {
    const stack = freshStack();
    expect(() => new SharingApi(stack, 'Throttled', { ...partsOf(stack), openDataBurstLimit: 0 })).toThrow(
      'openDataRateLimit and openDataBurstLimit must be >= 1, got 10 and 0',
    );
  });
});

/** A stack not yet synthesized, so a test may add a second SharingApi to it. */
function freshStack(): DataCenterStack {
  return new DataCenterStack(testApp(), 'vpdc-dev', {
    config: stageWith(),
    env: { account: '111122223333', region: 'ap-southeast-1' },
  });
}

/** What a second SharingApi needs, from a stack. */
function partsOf(stack: DataCenterStack) {
  const { storage, catalog, analytics } = stack;
  return { storage, catalog, analytics, metricsNamespace: 'test', grants: parseGrantsFile(grantsJson) };
}
