import { Stack, Validations } from 'aws-cdk-lib';
import type { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** The action wildcards that aws-cdk-lib's bucket and key grants always write. */
const GRANT_ACTIONS = ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'];

/**
 * Acknowledges the cdk-nag IAM5 findings of S3 grants to `grantee` (on its role), for exactly the object
 * prefixes granted: `grantRead(fn, 'raw/*')` must name its object ARNs with a wildcard, and
 * the grant's actions are wildcards by design. Any other wildcard still fails the synth.
 */
export function acknowledgeS3Grants(grantee: IGrantable, grants: readonly { bucket: IBucket; prefix: string }[], purpose: string): void {
  const resources = grants.map(({ bucket, prefix }) => {
    const logicalId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnBucket);
    return { id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/${prefix}]`, reason: `${purpose}: objects under ${prefix} of one bucket, nothing else.` };
  });
  const actions = GRANT_ACTIONS.map((action) => ({
    id: `AwsSolutions-IAM5[Action::${action}]`,
    reason: `aws-cdk-lib's S3/KMS grant actions (${action}) on the granted prefixes and the lake key only.`,
  }));
  // The findings sit on the grantee's role policy: acknowledge them there.
  const principal = grantee.grantPrincipal;
  if (Construct.isConstruct(principal)) Validations.of(principal).acknowledge(...resources, ...actions);
}
