import { Stack, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { STAGES } from '../../lib/config/stages';
import { DataCenterStack } from '../../lib/data-center-stack';
import { testApp } from './synth-stack';

// Synthesizes for real (esbuild bundles every function), as `cdk synth` does.
describe('cdk-nag (AwsSolutions, Serverless)', () => {
  test.each(Object.keys(STAGES).map((s) => [s]))('the %s stack has no unacknowledged finding', (stage) => {
    const app = testApp({ bundle: true });
    new DataCenterStack(app, `vpdc-${stage}`, {
      config: STAGES[stage]!,
      env: { account: '111122223333', region: 'ap-southeast-1' },
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
    expect(() => app.synth()).not.toThrow();
  });

  test('fails the synth on a finding nobody acknowledged (an unencrypted, unlogged bucket)', () => {
    const app = testApp();
    new Bucket(new Stack(app, 'Careless'), 'Plain');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-S1'/);
  });
});
