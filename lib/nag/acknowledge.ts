import { DefaultStackSynthesizer, Stack, Token, Validations } from 'aws-cdk-lib';
import type { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { BucketDeployment } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

/** The action wildcards that aws-cdk-lib's bucket and key grants always write. */
const GRANT_ACTIONS = [
  's3:GetObject*',
  's3:GetBucket*',
  's3:List*',
  's3:DeleteObject*',
  's3:Abort*',
  'kms:GenerateDataKey*',
  'kms:ReEncrypt*',
];

/**
 * Acknowledges the cdk-nag IAM5 findings of S3 grants to `grantee` (on its role), for exactly the object
 * prefixes granted: `grantRead(fn, 'raw/*')` must name its object ARNs with a wildcard, and
 * the grant's actions are wildcards by design. Any other wildcard still fails the synth.
 */
export function acknowledgeS3Grants(
  grantee: IGrantable,
  grants: readonly { bucket: IBucket; prefix: string }[],
  purpose: string,
): void {
  const resources = grants.map(({ bucket, prefix }) => {
    const logicalId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnBucket);
    return {
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/${prefix}]`,
      reason: `${purpose}: objects under ${prefix} of one bucket, nothing else.`,
    };
  });
  const actions = GRANT_ACTIONS.map((action) => ({
    id: `AwsSolutions-IAM5[Action::${action}]`,
    reason: `aws-cdk-lib's S3/KMS grant actions (${action}) on the granted prefixes and the lake key only.`,
  }));
  // The findings sit on the grantee's role policy: acknowledge them there.
  const principal = grantee.grantPrincipal;
  if (Construct.isConstruct(principal)) Validations.of(principal).acknowledge(...resources, ...actions);
}

/** The action wildcards of BucketDeployment's grants: read the assets bucket, read/write/prune the destination. */
const DEPLOYMENT_ACTIONS = ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'];

/**
 * Acknowledges what aws-cdk-lib's `BucketDeployment` helper needs and nothing more: on its role,
 * the grant wildcards on the destination bucket and on the CDK assets bucket it copies from,
 * and `cloudfront:CreateInvalidation` on `*`; on its stack-level singleton function, the
 * runtime, tracing and DLQ its provider fixes. A wildcard action or bucket beyond these still fails the synth.
 */
export function acknowledgeBucketDeployment(deployment: BucketDeployment, destination: IBucket, purpose: string): void {
  const role = deployment.handlerRole;
  if (Construct.isConstruct(role)) {
    const stack = Stack.of(deployment);
    const bucketId = stack.getLogicalId(destination.node.defaultChild as CfnBucket);
    Validations.of(role).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
        reason: `${purpose}: BucketDeployment copies, overwrites and prunes the objects of this one bucket.`,
      },
      {
        id: `AwsSolutions-IAM5[Resource::${assetsBucketObjects(stack)}]`,
        reason:
          'BucketDeployment reads the zipped files from the CDK assets bucket of this account and region, where `cdk deploy` uploaded them.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'aws-cdk-lib grants cloudfront:CreateInvalidation and GetInvalidation on * (it writes no distribution ARN); the helper invalidates only the distribution it is given.',
      },
      ...DEPLOYMENT_ACTIONS.map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `aws-cdk-lib's grant actions (${action}) for BucketDeployment, on the destination bucket and the CDK assets bucket only.`,
      })),
    );
  }
  const handler = Stack.of(deployment).node.children.find((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (handler) {
    Validations.of(handler).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason:
          "aws-cdk-lib's BucketDeployment provider pins its Python runtime with its AWS CLI layer; it moves with aws-cdk-lib upgrades and runs only during deployments.",
      },
      {
        id: 'Serverless-LambdaLatestVersion',
        reason:
          "aws-cdk-lib's BucketDeployment provider pins its Python runtime with its AWS CLI layer; it moves with aws-cdk-lib upgrades.",
      },
      {
        id: 'Serverless-LambdaTracing',
        reason:
          "The BucketDeployment provider is CloudFormation's custom-resource handler, run once a deployment; aws-cdk-lib offers no tracing option and its logs record each copy.",
      },
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'Invoked synchronously by CloudFormation as a custom resource: a failure fails and rolls back the deployment, there is no asynchronous event to keep.',
      },
    );
  }
}

/** The objects of the CDK assets bucket as cdk-nag renders the ARN: concrete account and region, or pseudo parameters. */
function assetsBucketObjects(stack: Stack): string {
  const qualifier = stack.synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  return `arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-${account}-${region}/*`;
}
