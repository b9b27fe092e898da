import type { Template } from 'aws-cdk-lib/assertions';

/** One Allow statement of a role, its actions and resources rendered as text (see `arnText`). */
export interface Grant {
  actions: string[];
  resources: string[];
}

/**
 * What each IAM role of a synthesized template may do: the Allow statements of its inline
 * policies and of every AWS::IAM::Policy attached to it, by the role's logical id.
 */
export function roleGrants(template: Template): Map<string, Grant[]> {
  const grants = new Map<string, Grant[]>();
  const add = (role: string, document: { Statement: Record<string, unknown>[] }) => {
    const list = grants.get(role) ?? [];
    for (const statement of document.Statement) {
      if (statement.Effect !== 'Allow') continue;
      list.push({
        actions: asArray(statement.Action) as string[],
        resources: asArray(statement.Resource).map(arnText),
      });
    }
    grants.set(role, list);
  };
  for (const [id, role] of Object.entries(template.findResources('AWS::IAM::Role'))) {
    grants.set(id, grants.get(id) ?? []);
    for (const policy of role.Properties.Policies ?? []) add(id, policy.PolicyDocument);
  }
  for (const policy of Object.values(template.findResources('AWS::IAM::Policy')))
    for (const role of policy.Properties.Roles ?? []) add(role.Ref, policy.Properties.PolicyDocument);
  return grants;
}

/** Whether the grants allow `action` on a resource whose text matches `resource` (IAM wildcards on both sides' patterns). */
export function allows(grants: readonly Grant[], action: string, resource?: string): boolean {
  return grants.some(
    (g) =>
      g.actions.some((pattern) => wildcard(pattern).test(action)) &&
      (resource === undefined || g.resources.some((pattern) => wildcard(pattern).test(resource))),
  );
}

/**
 * A resource as text: literals kept, `AWS::Partition` as `aws`, other references as
 * `<LogicalId>` or `<LogicalId.Attribute>`, so ARNs compare as strings.
 */
export function arnText(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if ('Fn::Join' in v) {
    const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(arnText).join(separator);
  }
  if ('Ref' in v) return v.Ref === 'AWS::Partition' ? 'aws' : `<${String(v.Ref)}>`;
  if ('Fn::GetAtt' in v) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
  return JSON.stringify(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}
