#!/usr/bin/env node
/**
 * The CDK app: one DataCenterStack for the stage picked with `-c stage=dev|prod`, in the
 * account and region of the caller's environment. cdk-nag (AwsSolutions and Serverless)
 * checks the whole app at synth; any unacknowledged finding fails it.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { stageConfig } from '../lib/config/stages';
import { DataCenterStack } from '../lib/data-center-stack';

const app = new App();
const config = stageConfig(app.node.tryGetContext('stage') as string | undefined);
new DataCenterStack(app, `vpdc-${config.stage}`, {
  config,
  description: `vpdc: Vĩnh Phúc provincial digital data center (${config.stage})`,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
