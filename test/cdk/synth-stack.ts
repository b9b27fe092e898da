import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStageConfig, type StageConfig } from '../../lib/config/stage-config';
import { STAGES } from '../../lib/config/stages';
import { DataCenterStack, type DataCenterStackProps } from '../../lib/data-center-stack';

/** The context of cdk.json (feature flags), so tests synthesize what `cdk synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')).context;
}

/** An App like bin/app.ts's; `bundle: false` skips esbuild for assertion-only tests. */
export function testApp(options: { bundle?: boolean } = {}): App {
  return new App({ context: { ...cdkJsonContext(), ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) } });
}

export function stageWith(overrides: Partial<StageConfig> = {}, base = 'dev'): StageConfig {
  return parseStageConfig({ ...STAGES[base], ...overrides });
}

export function synthStack(
  config: StageConfig = stageWith(),
  props: Partial<DataCenterStackProps> = {},
): { stack: DataCenterStack; template: Template } {
  const app = testApp();
  const stack = new DataCenterStack(app, `vpdc-${config.stage}`, {
    config,
    env: { account: '111122223333', region: 'ap-southeast-1' },
    ...props,
  });
  return { stack, template: Template.fromStack(stack) };
}
