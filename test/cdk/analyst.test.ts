import { allows, roleGrants } from './role-policies';
import { synthStack } from './synth-stack';

const { stack, template } = synthStack();
const analyst = stack.getLogicalId(stack.analystRole.node.defaultChild as never);
const grants = roleGrants(template).get(analyst)!;
/** A bucket's ARN as role-policies.ts renders it, by part of its logical id. */
function bucket(name: string): string {
  const id = Object.keys(template.findResources('AWS::S3::Bucket')).find((logicalId) => logicalId.includes(name));
  if (!id) throw new Error(`no bucket named like ${name}`);
  return `<${id}.Arn>`;
}

test('the analyst role queries the workgroup and reads the curated lake', () => {
  expect(
    allows(grants, 'athena:StartQueryExecution', 'arn:aws:athena:ap-southeast-1:111122223333:workgroup/vpdc-dev'),
  ).toBe(true);
  expect(allows(grants, 'athena:GetQueryResults')).toBe(true);
  expect(allows(grants, 'glue:GetTable')).toBe(true);
  expect(allows(grants, 's3:GetObject', `${bucket('Curated')}/curated/telecom_bts/x.parquet`)).toBe(true);
});

test('it reads nothing raw, quarantined or audited, and writes no data', () => {
  for (const name of ['RawBucket', 'Quarantine', 'AuditBucket'])
    expect(allows(grants, 's3:GetObject', `${bucket(name)}/anything`)).toBe(false);
  expect(allows(grants, 's3:PutObject', `${bucket('Curated')}/curated/x.parquet`)).toBe(false);
  expect(
    allows(grants, 'athena:StartQueryExecution', 'arn:aws:athena:ap-southeast-1:111122223333:workgroup/primary'),
  ).toBe(false);
});

test('the stack outputs name what vpdc query --engine athena and the analysts need', () => {
  const outputs = template.findOutputs('*');
  expect(Object.keys(outputs)).toEqual(
    expect.arrayContaining(['AthenaWorkGroup', 'GlueDatabase', 'AnalystRoleArn', 'RawBucket', 'CuratedBucket']),
  );
  expect(outputs.AthenaWorkGroup!.Value).toBe('vpdc-dev');
  expect(outputs.GlueDatabase!.Value).toBe('vpdc_dev');
});
