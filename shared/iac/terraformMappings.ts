/**
 * CloudFormation → Terraform (`hashicorp/aws` provider) mappings, one per resource type the IR can contain.
 *
 * A mapping names the `aws_*` type, the attribute CloudFormation's `Ref` corresponds to, the attributes
 * `Fn::GetAtt` names correspond to, and how properties become attributes and nested blocks. Every property must
 * be mapped: an unmapped property is an error naming the resource and property, never silently dropped.
 */

import type { IrObject, IrResource, IrValue } from './ir';
import { isIrExpr } from './ir';
import { hcl, type HclRaw, type HclBodyItem, type HclValue } from './hcl';

export interface TfRefOptions {
  /** Terraform attribute to use when the value is a `ref` of a resource of the given CloudFormation type. */
  readonly refAttr?: Readonly<Record<string, string>>;
}

export interface TfContext {
  /**
   * The HCL value of an IR value at `where` (or at `where.key`: the text of a location is made only for an
   * error, and most values are not in error).
   */
  expr(value: IrValue, where: string, opts?: TfRefOptions, key?: string): HclValue;
  /** expr, with the keys of the value's maps renamed (except below the keys in keepBelow). */
  renamedExpr(value: IrValue, where: string, keys: TfKeyRenaming): HclValue;
  resourceName(id: string): string;
  resourceType(id: string): string;
  /** Whether an Application Auto Scaling target of the template scales this resource (an ECS service). */
  isScaled(id: string): boolean;
  /** `LogConfiguration` → `logConfiguration` (container definition keys repeat in every container: once per rendering). */
  lowerFirst(key: string): string;
  /**
   * `make(key)`, made once per rendering and `make` (names of policies derived from their names or ARNs repeat in
   * every role; `make` must depend on `key` alone).
   */
  derived(make: (key: string) => string, key: string): string;
}

/** Keys of a JSON document renamed as the value is written (container definitions: the ECS API's camelCase). */
export interface TfKeyRenaming {
  rename(key: string): string;
  /** Keys whose values are free-form maps: their keys are kept as written. */
  readonly keepBelow: ReadonlySet<string>;
}

export interface TfResourceOut {
  readonly tfType: string;
  readonly name: string;
  readonly body: HclBodyItem[];
  readonly comment?: string;
}

type AttrRef = string | ((base: string) => HclValue);

export interface TfTypeMapping {
  readonly tfType: string;
  /** Attribute matching what CloudFormation's Ref returns. */
  readonly ref: AttrRef;
  /** CloudFormation GetAtt attribute → Terraform attribute. */
  readonly attributes: Readonly<Record<string, AttrRef>>;
  render(r: IrResource, cx: TfContext): TfResourceOut[];
}

// ---------------------------------------------------------------------------------------------------------------
// Property specs

interface FieldCx {
  readonly cx: TfContext;
  readonly resource: IrResource;
  /** Terraform name of the resource being rendered (companion resources derive theirs from it). */
  readonly name: string;
  readonly where: string;
  readonly attrs: HclBodyItem[];
  readonly blocks: HclBodyItem[];
  readonly extra: TfResourceOut[];
}

type ValueFn = (v: IrValue, f: FieldCx) => HclValue;

type Field =
  | string
  | { readonly attr: string; readonly value?: ValueFn; readonly refAttr?: Readonly<Record<string, string>> }
  | { readonly block: string; readonly fields: Spec }
  | { readonly custom: (v: IrValue, f: FieldCx) => void };

type Spec = Readonly<Record<string, Field>>;

/** `f` at another location (an explicit literal: one object shape, cheaper than a spread). */
function atWhere(f: FieldCx, where: string): FieldCx {
  return { cx: f.cx, resource: f.resource, name: f.name, where, attrs: f.attrs, blocks: f.blocks, extra: f.extra };
}

/** `f` collecting into lists of its own (the body of a nested block). */
function innerCx(f: FieldCx): FieldCx {
  return { cx: f.cx, resource: f.resource, name: f.name, where: f.where, attrs: [], blocks: [], extra: f.extra };
}

function isPlainObject(v: IrValue): v is IrObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isIrExpr(v);
}

function expectObject(v: IrValue, where: string): IrObject {
  if (!isPlainObject(v)) throw new Error(`Terraform: ${where} must be an object`);
  return v;
}

function expectList(v: IrValue, where: string): readonly IrValue[] {
  if (!Array.isArray(v)) throw new Error(`Terraform: ${where} must be a list`);
  return v;
}

function applySpec(obj: IrObject, spec: Spec, f: FieldCx): void {
  for (const key in obj) {
    const value = obj[key]!;
    const field = spec[key];
    if (typeof field === 'string' && typeof value !== 'object') {
      // A plain scalar is its own HCL value: no location text to build (it names only expressions, in errors).
      f.attrs.push(hcl.attr(field, value));
      continue;
    }
    if (field === undefined) {
      throw new Error(`Terraform: property ${f.where}.${key} of ${f.resource.type} has no Terraform mapping`);
    }
    if (typeof field === 'string') {
      f.attrs.push(hcl.attr(field, f.cx.expr(value, f.where, undefined, key)));
      continue;
    }
    if ('attr' in field && field.value === undefined) {
      // The field is its own reference options (refAttr): no options object per value.
      f.attrs.push(hcl.attr(field.attr, f.cx.expr(value, f.where, field, key)));
      continue;
    }
    const where = `${f.where}.${key}`;
    if ('attr' in field) {
      f.attrs.push(hcl.attr(field.attr, field.value!(value, atWhere(f, where))));
    } else if ('block' in field) {
      // A list of objects is a block per item; one object is one block.
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const itemWhere = `${where}[${i}]`;
          f.blocks.push(hcl.nested(field.block, specBody(expectObject(value[i]!, itemWhere), field.fields, atWhere(f, itemWhere))));
        }
      } else {
        f.blocks.push(hcl.nested(field.block, specBody(expectObject(value, where), field.fields, atWhere(f, where))));
      }
    } else {
      field.custom(value, atWhere(f, where));
    }
  }
}

/** Attributes, then nested blocks, of one object under a spec. */
function specBody(obj: IrObject, spec: Spec, f: FieldCx): HclBodyItem[] {
  const inner: FieldCx = innerCx(f);
  applySpec(obj, spec, inner);
  const body = inner.attrs;
  for (const b of inner.blocks) body.push(b);
  return body;
}

// ---------------------------------------------------------------------------------------------------------------
// Value conversions

const num: ValueFn = (v, f) =>
  typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : f.cx.expr(v, f.where);

const str: ValueFn = (v, f) => (typeof v === 'number' ? String(v) : f.cx.expr(v, f.where));

const bool: ValueFn = (v, f) => (v === 'true' ? true : v === 'false' ? false : f.cx.expr(v, f.where));

const enabledBool: ValueFn = (v, f) => {
  if (v === 'ENABLED') return true;
  if (v === 'DISABLED') return false;
  throw new Error(`Terraform: ${f.where} must be ENABLED or DISABLED`);
};

/** CloudFormation tag list [{Key, Value}] → Terraform tags map. */
const tagsMap: ValueFn = (v, f) => {
  const out: Record<string, HclValue> = {};
  expectList(v, f.where).forEach((tag, i) => {
    const t = expectObject(tag, `${f.where}[${i}]`);
    if (typeof t.Key !== 'string') throw new Error(`Terraform: ${f.where}[${i}].Key must be a literal string`);
    out[t.Key] = f.cx.expr(t.Value ?? '', `${f.where}[${i}].Value`);
  });
  return out;
};

/** A JSON document (IAM policy, lifecycle policy): `jsonencode({...})`; JSON text is parsed so it reads as HCL. */
const json: ValueFn = (v, f) => {
  if (typeof v === 'string') {
    try {
      return hcl.call('jsonencode', f.cx.expr(JSON.parse(v) as IrValue, f.where));
    } catch {
      return v;
    }
  }
  return hcl.call('jsonencode', f.cx.expr(v, f.where));
};

const firstOf: ValueFn = (v, f) => {
  const list = expectList(v, f.where);
  if (list.length !== 1) throw new Error(`Terraform: ${f.where} must have exactly one entry`);
  return f.cx.expr(list[0]!, `${f.where}[0]`);
};

/** Container definition keys whose values are free-form maps (keys kept as written). */
const FREE_FORM_KEYS = new Set(['DockerLabels', 'Options', 'DriverOpts', 'Labels']);

/** CloudFormation container definitions → the ECS API's camelCase JSON, as Terraform's `container_definitions`. */
const containerDefinitions: ValueFn = (v, f) =>
  hcl.call('jsonencode', f.cx.renamedExpr(v, f.where, { rename: (key) => f.cx.lowerFirst(key), keepBelow: FREE_FORM_KEYS }));

// ---------------------------------------------------------------------------------------------------------------
// Resource helpers

const TAGS: Field = { attr: 'tags', value: tagsMap };

function dependsOn(r: IrResource, cx: TfContext): HclBodyItem[] {
  if (r.dependsOn === undefined || r.dependsOn.length === 0) return [];
  return [
    hcl.blank(),
    hcl.attr(
      'depends_on',
      r.dependsOn.map((id) => {
        const mapping = TF_TYPES[cx.resourceType(id)];
        if (mapping === undefined) throw new Error(`Terraform: ${r.id} depends on ${id}, whose type has no mapping`);
        return hcl.traversal(`${mapping.tfType}.${cx.resourceName(id)}`);
      }),
    ),
  ];
}

function withBlankBeforeBlocks(attrs: readonly HclBodyItem[], blocks: readonly HclBodyItem[]): HclBodyItem[] {
  const out: HclBodyItem[] = [...attrs];
  for (const b of blocks) {
    if (out.length > 0) out.push(hcl.blank());
    out.push(b);
  }
  return out;
}

/** Renders one resource whose properties all follow `spec`; `extend` may add companion resources. */
function simple(
  tfType: string,
  ref: AttrRef,
  attributes: Readonly<Record<string, AttrRef>>,
  spec: Spec,
  extend?: (r: IrResource, f: FieldCx) => void,
): TfTypeMapping {
  return {
    tfType,
    ref,
    attributes,
    render(r, cx) {
      const f: FieldCx = {
        cx,
        resource: r,
        name: cx.resourceName(r.id),
        where: r.id,
        attrs: [],
        blocks: [],
        extra: [],
      };
      applySpec(r.properties, spec, f);
      extend?.(r, f);
      // The body is the attributes list, with the blocks and depends_on added to it (no copies per resource).
      const body = f.attrs;
      for (const b of f.blocks) {
        if (body.length > 0) body.push(hcl.blank());
        body.push(b);
      }
      for (const item of dependsOn(r, cx)) body.push(item);
      const main: TfResourceOut = r.comment !== undefined ? { tfType, name: f.name, body, comment: r.comment } : { tfType, name: f.name, body };
      if (f.extra.length === 0) return [main];
      f.extra.unshift(main);
      return f.extra;
    },
  };
}

function companion(f: FieldCx, tfType: string, suffix: string, body: HclBodyItem[], comment?: string): void {
  f.extra.push({ tfType, name: `${f.name}_${suffix}`, body, ...(comment !== undefined ? { comment } : {}) });
}

const self = (f: FieldCx, tfType: string, attr: string): HclRaw => hcl.traversal(`${tfType}.${f.name}.${attr}`);

// ---------------------------------------------------------------------------------------------------------------
// Shared specs

const CAPACITY_PROVIDER_STRATEGY: Spec = { CapacityProvider: 'capacity_provider', Weight: 'weight', Base: 'base' };

const LOG_CONFIGURATION: Spec = {
  LogDriver: 'log_driver',
  Options: 'options',
  SecretOptions: { block: 'secret_option', fields: { Name: 'name', ValueFrom: 'value_from' } },
};

const REDIRECT: Spec = {
  Host: 'host',
  Path: 'path',
  Port: { attr: 'port', value: str },
  Protocol: 'protocol',
  Query: 'query',
  StatusCode: 'status_code',
};

const LISTENER_ACTION: Spec = {
  Type: 'type',
  Order: 'order',
  TargetGroupArn: 'target_group_arn',
  ForwardConfig: {
    block: 'forward',
    fields: {
      TargetGroups: { block: 'target_group', fields: { TargetGroupArn: 'arn', Weight: 'weight' } },
      TargetGroupStickinessConfig: {
        block: 'stickiness',
        fields: { Enabled: 'enabled', DurationSeconds: 'duration' },
      },
    },
  },
  RedirectConfig: { block: 'redirect', fields: REDIRECT },
  FixedResponseConfig: {
    block: 'fixed_response',
    fields: { ContentType: 'content_type', MessageBody: 'message_body', StatusCode: 'status_code' },
  },
};

const METRIC_DIMENSIONS: ValueFn = (v, f) => {
  const out: Record<string, HclValue> = {};
  expectList(v, f.where).forEach((d, i) => {
    const dim = expectObject(d, `${f.where}[${i}]`);
    if (typeof dim.Name !== 'string') throw new Error(`Terraform: ${f.where}[${i}].Name must be a literal string`);
    out[dim.Name] = f.cx.expr(dim.Value ?? '', `${f.where}[${i}].Value`);
  });
  return out;
};

function ruleBody(rule: IrObject, f: FieldCx, direction: 'ingress' | 'egress', groupId: HclValue | undefined): HclBodyItem[] {
  const allProtocols = rule.IpProtocol === '-1' || rule.IpProtocol === -1;
  const spec: Spec = {
    GroupId: { attr: 'security_group_id' },
    IpProtocol: { attr: 'ip_protocol', value: str },
    FromPort: allProtocols ? { custom: () => undefined } : { attr: 'from_port', value: num },
    ToPort: allProtocols ? { custom: () => undefined } : { attr: 'to_port', value: num },
    CidrIp: 'cidr_ipv4',
    CidrIpv6: 'cidr_ipv6',
    Description: 'description',
    ...(direction === 'ingress'
      ? {
          SourceSecurityGroupId: 'referenced_security_group_id',
          SourcePrefixListId: 'prefix_list_id',
        }
      : {
          DestinationSecurityGroupId: 'referenced_security_group_id',
          DestinationPrefixListId: 'prefix_list_id',
        }),
  };
  const inner: FieldCx = innerCx(f);
  if (groupId !== undefined) inner.attrs.push(hcl.attr('security_group_id', groupId));
  applySpec(rule, spec, inner);
  return inner.attrs;
}

function securityGroupRule(direction: 'ingress' | 'egress'): TfTypeMapping {
  const tfType = `aws_vpc_security_group_${direction}_rule`;
  return {
    tfType,
    ref: 'id',
    attributes: { Id: 'id' },
    render(r, cx) {
      const f: FieldCx = { cx, resource: r, name: cx.resourceName(r.id), where: r.id, attrs: [], blocks: [], extra: [] };
      const body = [...ruleBody(r.properties, f, direction, undefined), ...dependsOn(r, cx)];
      return [{ tfType, name: f.name, body, ...(r.comment !== undefined ? { comment: r.comment } : {}) }];
    },
  };
}

function roleAttachment(f: FieldCx, suffix: string, role: HclValue, policyArn: HclValue): void {
  companion(f, 'aws_iam_role_policy_attachment', suffix, [hcl.attr('role', role), hcl.attr('policy_arn', policyArn)]);
}

function managedPolicySuffix(arn: IrValue, i: number, cx: TfContext): string {
  // The policy's name: the last path segment of a literal ARN, or of the literal tail of a built one.
  const literal = typeof arn === 'string' ? arn : isIrExpr(arn) && arn.__ir === 'concat' ? arn.parts.at(-1) : undefined;
  if (typeof literal === 'string') {
    const snake = cx.derived(policyArnSnake, literal);
    if (snake !== '') return snake;
  }
  return `policy_${i + 1}`;
}

function policyArnSnake(literal: string): string {
  const last = literal.split('/').pop() ?? '';
  return last
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();
}

function snakeName(s: string): string {
  return (
    s
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
      .toLowerCase() || 'policy'
  );
}

const LB_ATTRIBUTES: Readonly<Record<string, { attr: string; type: 'number' | 'bool' | 'string' }>> = {
  'idle_timeout.timeout_seconds': { attr: 'idle_timeout', type: 'number' },
  'deletion_protection.enabled': { attr: 'enable_deletion_protection', type: 'bool' },
  'routing.http2.enabled': { attr: 'enable_http2', type: 'bool' },
  'load_balancing.cross_zone.enabled': { attr: 'enable_cross_zone_load_balancing', type: 'bool' },
  'routing.http.drop_invalid_header_fields.enabled': { attr: 'drop_invalid_header_fields', type: 'bool' },
  'client_keep_alive.seconds': { attr: 'client_keep_alive', type: 'number' },
  'routing.http.desync_mitigation_mode': { attr: 'desync_mitigation_mode', type: 'string' },
  'dns_record.client_routing_policy': { attr: 'dns_record_client_routing_policy', type: 'string' },
};

const TG_ATTRIBUTES: Readonly<Record<string, { attr: string; type: 'number' | 'bool' | 'string' }>> = {
  'deregistration_delay.timeout_seconds': { attr: 'deregistration_delay', type: 'number' },
  'slow_start.duration_seconds': { attr: 'slow_start', type: 'number' },
  'load_balancing.algorithm.type': { attr: 'load_balancing_algorithm_type', type: 'string' },
  'deregistration_delay.connection_termination.enabled': { attr: 'connection_termination', type: 'bool' },
  'preserve_client_ip.enabled': { attr: 'preserve_client_ip', type: 'string' },
  'proxy_protocol_v2.enabled': { attr: 'proxy_protocol_v2', type: 'bool' },
};

const STICKINESS_KEYS: Readonly<Record<string, { attr: string; type: 'number' | 'bool' | 'string' }>> = {
  'stickiness.enabled': { attr: 'enabled', type: 'bool' },
  'stickiness.type': { attr: 'type', type: 'string' },
  'stickiness.lb_cookie.duration_seconds': { attr: 'cookie_duration', type: 'number' },
  'stickiness.app_cookie.cookie_name': { attr: 'cookie_name', type: 'string' },
};

function typedAttr(value: IrValue, type: 'number' | 'bool' | 'string', f: FieldCx): HclValue {
  if (type === 'number') return num(value, f);
  if (type === 'bool') return bool(value, f);
  return f.cx.expr(value, f.where);
}

/** ELBv2 key/value attribute lists → first-class Terraform attributes (and blocks for access logs, stickiness). */
function elbAttributes(table: typeof LB_ATTRIBUTES, withStickiness: boolean): Field {
  return {
    custom: (v, f) => {
      const accessLogs: HclBodyItem[] = [];
      const stickiness: HclBodyItem[] = [];
      expectList(v, f.where).forEach((entry, i) => {
        const where = `${f.where}[${i}]`;
        const kv = expectObject(entry, where);
        const key = kv.Key;
        const value = kv.Value ?? '';
        if (typeof key !== 'string') throw new Error(`Terraform: ${where}.Key must be a literal string`);
        const sub = atWhere(f, `${where}.Value`);
        const known = table[key];
        if (known !== undefined) {
          f.attrs.push(hcl.attr(known.attr, typedAttr(value, known.type, sub)));
        } else if (key.startsWith('access_logs.s3.')) {
          const leaf = key.slice('access_logs.s3.'.length);
          const attr = leaf === 'enabled' ? 'enabled' : leaf === 'bucket' ? 'bucket' : leaf === 'prefix' ? 'prefix' : undefined;
          if (attr === undefined) throw new Error(`Terraform: ${where} attribute "${key}" has no Terraform mapping`);
          accessLogs.push(hcl.attr(attr, typedAttr(value, attr === 'enabled' ? 'bool' : 'string', sub)));
        } else if (withStickiness && STICKINESS_KEYS[key] !== undefined) {
          const s = STICKINESS_KEYS[key];
          stickiness.push(hcl.attr(s.attr, typedAttr(value, s.type, sub)));
        } else {
          throw new Error(`Terraform: ${where} attribute "${key}" has no Terraform mapping`);
        }
      });
      if (accessLogs.length > 0) f.blocks.push(hcl.nested('access_logs', accessLogs));
      if (stickiness.length > 0) f.blocks.push(hcl.nested('stickiness', stickiness));
    },
  };
}

const SCALABLE_TARGET_ACTION: Spec = { MinCapacity: 'min_capacity', MaxCapacity: 'max_capacity' };

// Specs of properties handled by a custom field, declared once (not made again for every resource).

/** An ECS service's DeploymentConfiguration: attributes of the service itself, and two blocks. */
const DEPLOYMENT_CONFIGURATION: Spec = {
  MaximumPercent: 'deployment_maximum_percent',
  MinimumHealthyPercent: 'deployment_minimum_healthy_percent',
  DeploymentCircuitBreaker: { block: 'deployment_circuit_breaker', fields: { Enable: 'enable', Rollback: 'rollback' } },
  Alarms: { block: 'alarms', fields: { AlarmNames: 'alarm_names', Enable: 'enable', Rollback: 'rollback' } },
};

/** The health check properties of a target group: the health_check block, in this order. */
const HEALTH_CHECK: Spec = {
  HealthCheckEnabled: 'enabled',
  HealthCheckPath: 'path',
  HealthCheckPort: { attr: 'port', value: str },
  HealthCheckProtocol: 'protocol',
  HealthCheckIntervalSeconds: 'interval',
  HealthCheckTimeoutSeconds: 'timeout',
  HealthyThresholdCount: 'healthy_threshold',
  UnhealthyThresholdCount: 'unhealthy_threshold',
  Matcher: {
    custom: (v, sub) => {
      const m = expectObject(v, sub.where);
      const code = m.HttpCode ?? m.GrpcCode;
      if (code === undefined) throw new Error(`Terraform: ${sub.where} needs HttpCode or GrpcCode`);
      sub.attrs.push(hcl.attr('matcher', sub.cx.expr(code, sub.where)));
    },
  },
};
const HEALTH_CHECK_KEYS = Object.keys(HEALTH_CHECK);

/** An ECS service's NetworkConfiguration.AwsvpcConfiguration: the network_configuration block. */
const AWSVPC_CONFIGURATION: Spec = {
  Subnets: 'subnets',
  SecurityGroups: 'security_groups',
  AssignPublicIp: { attr: 'assign_public_ip', value: enabledBool },
};

// ---------------------------------------------------------------------------------------------------------------
// The table

export const TF_TYPES: Readonly<Record<string, TfTypeMapping>> = {
  'AWS::ECS::Cluster': simple(
    'aws_ecs_cluster',
    'name',
    { Arn: 'arn' },
    {
      ClusterName: 'name',
      ClusterSettings: { block: 'setting', fields: { Name: 'name', Value: 'value' } },
      Configuration: {
        block: 'configuration',
        fields: {
          ExecuteCommandConfiguration: {
            block: 'execute_command_configuration',
            fields: {
              KmsKeyId: 'kms_key_id',
              Logging: 'logging',
              LogConfiguration: {
                block: 'log_configuration',
                fields: {
                  CloudWatchEncryptionEnabled: 'cloud_watch_encryption_enabled',
                  CloudWatchLogGroupName: 'cloud_watch_log_group_name',
                  S3BucketName: 's3_bucket_name',
                  S3EncryptionEnabled: 's3_bucket_encryption_enabled',
                  S3KeyPrefix: 's3_key_prefix',
                },
              },
            },
          },
        },
      },
      ServiceConnectDefaults: { block: 'service_connect_defaults', fields: { Namespace: 'namespace' } },
      // Terraform manages a cluster's capacity providers in a separate resource.
      CapacityProviders: { custom: () => undefined },
      DefaultCapacityProviderStrategy: { custom: () => undefined },
      Tags: TAGS,
    },
    (r, f) => {
      const providers = r.properties.CapacityProviders;
      const strategy = r.properties.DefaultCapacityProviderStrategy;
      if (providers === undefined && strategy === undefined) return;
      const body: HclBodyItem[] = [hcl.attr('cluster_name', self(f, 'aws_ecs_cluster', 'name'))];
      if (providers !== undefined) body.push(hcl.attr('capacity_providers', f.cx.expr(providers, `${r.id}.CapacityProviders`)));
      if (strategy !== undefined) {
        expectList(strategy, `${r.id}.DefaultCapacityProviderStrategy`).forEach((s, i) => {
          const where = `${r.id}.DefaultCapacityProviderStrategy[${i}]`;
          body.push(hcl.blank(), hcl.nested('default_capacity_provider_strategy', specBody(expectObject(s, where), CAPACITY_PROVIDER_STRATEGY, atWhere(f, where))));
        });
      }
      f.extra.push({ tfType: 'aws_ecs_cluster_capacity_providers', name: f.name, body });
    },
  ),

  'AWS::ECS::ClusterCapacityProviderAssociations': simple(
    'aws_ecs_cluster_capacity_providers',
    'cluster_name',
    {},
    {
      Cluster: 'cluster_name',
      CapacityProviders: 'capacity_providers',
      DefaultCapacityProviderStrategy: { block: 'default_capacity_provider_strategy', fields: CAPACITY_PROVIDER_STRATEGY },
    },
  ),

  'AWS::ECS::CapacityProvider': simple(
    'aws_ecs_capacity_provider',
    'name',
    { Arn: 'arn' },
    {
      Name: 'name',
      AutoScalingGroupProvider: {
        block: 'auto_scaling_group_provider',
        fields: {
          AutoScalingGroupArn: { attr: 'auto_scaling_group_arn', refAttr: { 'AWS::AutoScaling::AutoScalingGroup': 'arn' } },
          ManagedTerminationProtection: 'managed_termination_protection',
          ManagedDraining: 'managed_draining',
          ManagedScaling: {
            block: 'managed_scaling',
            fields: {
              Status: 'status',
              TargetCapacity: 'target_capacity',
              MinimumScalingStepSize: 'minimum_scaling_step_size',
              MaximumScalingStepSize: 'maximum_scaling_step_size',
              InstanceWarmupPeriod: 'instance_warmup_period',
            },
          },
        },
      },
      Tags: TAGS,
    },
  ),

  'AWS::ECS::TaskDefinition': simple(
    'aws_ecs_task_definition',
    'arn',
    { TaskDefinitionArn: 'arn' },
    {
      Family: 'family',
      ContainerDefinitions: { attr: 'container_definitions', value: containerDefinitions },
      Cpu: { attr: 'cpu', value: str },
      Memory: { attr: 'memory', value: str },
      NetworkMode: 'network_mode',
      RequiresCompatibilities: 'requires_compatibilities',
      ExecutionRoleArn: { attr: 'execution_role_arn', refAttr: { 'AWS::IAM::Role': 'arn' } },
      TaskRoleArn: { attr: 'task_role_arn', refAttr: { 'AWS::IAM::Role': 'arn' } },
      PidMode: 'pid_mode',
      IpcMode: 'ipc_mode',
      EnableFaultInjection: 'enable_fault_injection',
      InferenceAccelerators: { block: 'inference_accelerator', fields: { DeviceName: 'device_name', DeviceType: 'device_type' } },
      RuntimePlatform: {
        block: 'runtime_platform',
        fields: { CpuArchitecture: 'cpu_architecture', OperatingSystemFamily: 'operating_system_family' },
      },
      EphemeralStorage: { block: 'ephemeral_storage', fields: { SizeInGiB: 'size_in_gib' } },
      PlacementConstraints: { block: 'placement_constraints', fields: { Type: 'type', Expression: 'expression' } },
      ProxyConfiguration: {
        block: 'proxy_configuration',
        fields: {
          Type: 'type',
          ContainerName: 'container_name',
          ProxyConfigurationProperties: { attr: 'properties', value: METRIC_DIMENSIONS },
        },
      },
      Volumes: {
        block: 'volume',
        fields: {
          Name: 'name',
          ConfiguredAtLaunch: 'configure_at_launch',
          Host: { custom: (v, f) => { const h = expectObject(v, f.where); if (h.SourcePath !== undefined) f.attrs.push(hcl.attr('host_path', f.cx.expr(h.SourcePath, `${f.where}.SourcePath`))); } },
          EFSVolumeConfiguration: {
            block: 'efs_volume_configuration',
            fields: {
              FilesystemId: 'file_system_id',
              RootDirectory: 'root_directory',
              TransitEncryption: 'transit_encryption',
              TransitEncryptionPort: 'transit_encryption_port',
              AuthorizationConfig: { block: 'authorization_config', fields: { AccessPointId: 'access_point_id', IAM: 'iam' } },
            },
          },
          FSxWindowsFileServerVolumeConfiguration: {
            block: 'fsx_windows_file_server_volume_configuration',
            fields: {
              FileSystemId: 'file_system_id',
              RootDirectory: 'root_directory',
              AuthorizationConfig: { block: 'authorization_config', fields: { CredentialsParameter: 'credentials_parameter', Domain: 'domain' } },
            },
          },
          DockerVolumeConfiguration: {
            block: 'docker_volume_configuration',
            fields: { Scope: 'scope', Autoprovision: 'autoprovision', Driver: 'driver', DriverOpts: 'driver_opts', Labels: 'labels' },
          },
        },
      },
      Tags: TAGS,
    },
  ),

  'AWS::ECS::Service': simple(
    'aws_ecs_service',
    'id',
    { Name: 'name', ServiceArn: 'id' },
    {
      ServiceName: 'name',
      Cluster: { attr: 'cluster', refAttr: { 'AWS::ECS::Cluster': 'arn' } },
      TaskDefinition: 'task_definition',
      DesiredCount: 'desired_count',
      LaunchType: 'launch_type',
      PlatformVersion: 'platform_version',
      SchedulingStrategy: 'scheduling_strategy',
      HealthCheckGracePeriodSeconds: 'health_check_grace_period_seconds',
      EnableExecuteCommand: 'enable_execute_command',
      EnableECSManagedTags: 'enable_ecs_managed_tags',
      PropagateTags: 'propagate_tags',
      AvailabilityZoneRebalancing: 'availability_zone_rebalancing',
      Role: { attr: 'iam_role', refAttr: { 'AWS::IAM::Role': 'arn' } },
      CapacityProviderStrategy: { block: 'capacity_provider_strategy', fields: CAPACITY_PROVIDER_STRATEGY },
      DeploymentConfiguration: {
        custom: (v, f) => {
          applySpec(expectObject(v, f.where), DEPLOYMENT_CONFIGURATION, f);
        },
      },
      DeploymentController: { block: 'deployment_controller', fields: { Type: 'type' } },
      NetworkConfiguration: {
        custom: (v, f) => {
          const nc = expectObject(v, f.where);
          const awsvpc = expectObject(nc.AwsvpcConfiguration ?? {}, `${f.where}.AwsvpcConfiguration`);
          f.blocks.push(
            hcl.nested('network_configuration', specBody(awsvpc, AWSVPC_CONFIGURATION, atWhere(f, `${f.where}.AwsvpcConfiguration`))),
          );
        },
      },
      LoadBalancers: {
        block: 'load_balancer',
        fields: {
          TargetGroupArn: 'target_group_arn',
          LoadBalancerName: 'elb_name',
          ContainerName: 'container_name',
          ContainerPort: 'container_port',
        },
      },
      PlacementStrategies: { block: 'ordered_placement_strategy', fields: { Type: 'type', Field: 'field' } },
      VolumeConfigurations: {
        block: 'volume_configuration',
        fields: {
          Name: 'name',
          ManagedEBSVolume: {
            block: 'managed_ebs_volume',
            fields: {
              RoleArn: { attr: 'role_arn', refAttr: { 'AWS::IAM::Role': 'arn' } },
              SizeInGiB: 'size_in_gb',
              VolumeType: 'volume_type',
              Encrypted: 'encrypted',
              FilesystemType: 'file_system_type',
              Iops: 'iops',
              Throughput: 'throughput',
              KmsKeyId: 'kms_key_id',
              SnapshotId: 'snapshot_id',
            },
          },
        },
      },
      PlacementConstraints: { block: 'placement_constraints', fields: { Type: 'type', Expression: 'expression' } },
      ServiceRegistries: {
        block: 'service_registries',
        fields: { RegistryArn: 'registry_arn', Port: 'port', ContainerName: 'container_name', ContainerPort: 'container_port' },
      },
      ServiceConnectConfiguration: {
        block: 'service_connect_configuration',
        fields: {
          Enabled: 'enabled',
          Namespace: 'namespace',
          LogConfiguration: { block: 'log_configuration', fields: LOG_CONFIGURATION },
          Services: {
            block: 'service',
            fields: {
              PortName: 'port_name',
              DiscoveryName: 'discovery_name',
              IngressPortOverride: 'ingress_port_override',
              ClientAliases: { block: 'client_alias', fields: { Port: 'port', DnsName: 'dns_name' } },
            },
          },
        },
      },
      Tags: TAGS,
    },
    (r, f) => {
      // Application Auto Scaling owns the desired count of a scaled service; Terraform must not reset it.
      if (f.cx.isScaled(r.id)) {
        f.blocks.push(hcl.nested('lifecycle', [hcl.attr('ignore_changes', [hcl.raw('desired_count')])]));
      }
    },
  ),

  'AWS::ECR::Repository': simple(
    'aws_ecr_repository',
    'name',
    { Arn: 'arn', RepositoryUri: 'repository_url' },
    {
      RepositoryName: 'name',
      ImageTagMutability: 'image_tag_mutability',
      EmptyOnDelete: 'force_delete',
      ImageScanningConfiguration: { block: 'image_scanning_configuration', fields: { ScanOnPush: 'scan_on_push' } },
      EncryptionConfiguration: { block: 'encryption_configuration', fields: { EncryptionType: 'encryption_type', KmsKey: 'kms_key' } },
      LifecyclePolicy: {
        custom: (v, f) => {
          const lp = expectObject(v, f.where);
          const body: HclBodyItem[] = [hcl.attr('repository', self(f, 'aws_ecr_repository', 'name'))];
          if (lp.RegistryId !== undefined) body.push(hcl.attr('registry_id', f.cx.expr(lp.RegistryId, `${f.where}.RegistryId`)));
          if (lp.LifecyclePolicyText === undefined) throw new Error(`Terraform: ${f.where}.LifecyclePolicyText is missing`);
          body.push(hcl.attr('policy', json(lp.LifecyclePolicyText, atWhere(f, `${f.where}.LifecyclePolicyText`))));
          companion(f, 'aws_ecr_lifecycle_policy', 'lifecycle', body);
        },
      },
      RepositoryPolicyText: {
        custom: (v, f) => {
          companion(f, 'aws_ecr_repository_policy', 'policy', [
            hcl.attr('repository', self(f, 'aws_ecr_repository', 'name')),
            hcl.attr('policy', json(v, f)),
          ]);
        },
      },
      Tags: TAGS,
    },
  ),

  'AWS::EFS::FileSystem': simple(
    'aws_efs_file_system',
    'id',
    { Arn: 'arn', FileSystemId: 'id' },
    {
      Encrypted: 'encrypted',
      KmsKeyId: 'kms_key_id',
      PerformanceMode: 'performance_mode',
      ThroughputMode: 'throughput_mode',
      ProvisionedThroughputInMibps: 'provisioned_throughput_in_mibps',
      AvailabilityZoneName: 'availability_zone_name',
      LifecyclePolicies: {
        block: 'lifecycle_policy',
        fields: {
          TransitionToIA: 'transition_to_ia',
          TransitionToPrimaryStorageClass: 'transition_to_primary_storage_class',
          TransitionToArchive: 'transition_to_archive',
        },
      },
      BackupPolicy: {
        custom: (v, f) => {
          const bp = expectObject(v, f.where);
          companion(f, 'aws_efs_backup_policy', 'backup', [
            hcl.attr('file_system_id', self(f, 'aws_efs_file_system', 'id')),
            hcl.blank(),
            hcl.nested('backup_policy', [hcl.attr('status', f.cx.expr(bp.Status ?? 'ENABLED', `${f.where}.Status`))]),
          ]);
        },
      },
      FileSystemPolicy: {
        custom: (v, f) => {
          companion(f, 'aws_efs_file_system_policy', 'policy', [
            hcl.attr('file_system_id', self(f, 'aws_efs_file_system', 'id')),
            hcl.attr('policy', json(v, f)),
          ]);
        },
      },
      FileSystemTags: TAGS,
    },
  ),

  'AWS::EFS::MountTarget': simple(
    'aws_efs_mount_target',
    'id',
    { Id: 'id', IpAddress: 'ip_address' },
    { FileSystemId: 'file_system_id', SubnetId: 'subnet_id', SecurityGroups: 'security_groups', IpAddress: 'ip_address' },
  ),

  'AWS::EFS::AccessPoint': simple(
    'aws_efs_access_point',
    'id',
    { Arn: 'arn', AccessPointId: 'id' },
    {
      FileSystemId: 'file_system_id',
      PosixUser: {
        block: 'posix_user',
        fields: {
          Uid: { attr: 'uid', value: num },
          Gid: { attr: 'gid', value: num },
          SecondaryGids: { attr: 'secondary_gids', value: (v, f) => expectList(v, f.where).map((g) => num(g, f)) },
        },
      },
      RootDirectory: {
        block: 'root_directory',
        fields: {
          Path: 'path',
          CreationInfo: {
            block: 'creation_info',
            fields: { OwnerUid: { attr: 'owner_uid', value: num }, OwnerGid: { attr: 'owner_gid', value: num }, Permissions: 'permissions' },
          },
        },
      },
      AccessPointTags: TAGS,
    },
  ),

  'AWS::Logs::LogGroup': simple(
    'aws_cloudwatch_log_group',
    'name',
    // CloudFormation's Arn of a log group ends in ":*"; Terraform's does not.
    { Arn: (base) => hcl.template(hcl.traversal(`${base}.arn`), ':*') },
    {
      LogGroupName: 'name',
      RetentionInDays: 'retention_in_days',
      KmsKeyId: 'kms_key_id',
      LogGroupClass: 'log_group_class',
      Tags: TAGS,
    },
  ),

  'AWS::ElasticLoadBalancingV2::LoadBalancer': simple(
    'aws_lb',
    'arn',
    {
      DNSName: 'dns_name',
      LoadBalancerArn: 'arn',
      LoadBalancerFullName: 'arn_suffix',
      LoadBalancerName: 'name',
      CanonicalHostedZoneID: 'zone_id',
      SecurityGroups: 'security_groups',
    },
    {
      Name: 'name',
      Type: 'load_balancer_type',
      Scheme: {
        attr: 'internal',
        value: (v, f) => {
          if (v === 'internal') return true;
          if (v === 'internet-facing') return false;
          throw new Error(`Terraform: ${f.where} must be "internal" or "internet-facing"`);
        },
      },
      IpAddressType: 'ip_address_type',
      Subnets: 'subnets',
      SecurityGroups: 'security_groups',
      SubnetMappings: {
        block: 'subnet_mapping',
        fields: { SubnetId: 'subnet_id', AllocationId: 'allocation_id', PrivateIPv4Address: 'private_ipv4_address' },
      },
      LoadBalancerAttributes: elbAttributes(LB_ATTRIBUTES, false),
      Tags: TAGS,
    },
  ),

  'AWS::ElasticLoadBalancingV2::Listener': simple(
    'aws_lb_listener',
    'arn',
    { ListenerArn: 'arn' },
    {
      LoadBalancerArn: 'load_balancer_arn',
      Port: 'port',
      Protocol: 'protocol',
      SslPolicy: 'ssl_policy',
      Certificates: {
        custom: (v, f) => {
          const list = expectList(v, f.where);
          if (list.length !== 1) throw new Error(`Terraform: ${f.where} must list exactly one certificate`);
          const cert = expectObject(list[0]!, `${f.where}[0]`);
          f.attrs.push(hcl.attr('certificate_arn', f.cx.expr(cert.CertificateArn ?? '', `${f.where}[0].CertificateArn`)));
        },
      },
      AlpnPolicy: { attr: 'alpn_policy', value: firstOf },
      DefaultActions: { block: 'default_action', fields: LISTENER_ACTION },
    },
  ),

  'AWS::ElasticLoadBalancingV2::ListenerRule': simple(
    'aws_lb_listener_rule',
    'arn',
    { RuleArn: 'arn' },
    {
      ListenerArn: 'listener_arn',
      Priority: 'priority',
      Actions: { block: 'action', fields: LISTENER_ACTION },
      Conditions: {
        custom: (v, f) => {
          expectList(v, f.where).forEach((c, i) => {
            const where = `${f.where}[${i}]`;
            const cond = expectObject(c, where);
            const field = cond.Field;
            const values = (cfg: string): HclValue => {
              const inner = cond[cfg];
              const list = inner !== undefined && isPlainObject(inner) ? (inner as IrObject).Values : cond.Values;
              if (list === undefined) throw new Error(`Terraform: ${where} has no Values`);
              return f.cx.expr(list, `${where}.Values`);
            };
            const kinds: Record<string, [string, string]> = {
              'path-pattern': ['path_pattern', 'PathPatternConfig'],
              'host-header': ['host_header', 'HostHeaderConfig'],
              'http-request-method': ['http_request_method', 'HttpRequestMethodConfig'],
              'source-ip': ['source_ip', 'SourceIpConfig'],
            };
            const kind = typeof field === 'string' ? kinds[field] : undefined;
            if (kind === undefined) throw new Error(`Terraform: ${where}.Field "${String(field)}" has no Terraform mapping`);
            f.blocks.push(hcl.nested('condition', [hcl.nested(kind[0], [hcl.attr('values', values(kind[1]))])]));
          });
        },
      },
    },
  ),

  'AWS::ElasticLoadBalancingV2::TargetGroup': simple(
    'aws_lb_target_group',
    'arn',
    {
      TargetGroupArn: 'arn',
      TargetGroupFullName: 'arn_suffix',
      TargetGroupName: 'name',
      LoadBalancerArns: 'load_balancer_arns',
    },
    {
      Name: 'name',
      Port: 'port',
      Protocol: 'protocol',
      ProtocolVersion: 'protocol_version',
      TargetType: 'target_type',
      VpcId: 'vpc_id',
      IpAddressType: 'ip_address_type',
      HealthCheckEnabled: { custom: () => undefined },
      HealthCheckPath: { custom: () => undefined },
      HealthCheckPort: { custom: () => undefined },
      HealthCheckProtocol: { custom: () => undefined },
      HealthCheckIntervalSeconds: { custom: () => undefined },
      HealthCheckTimeoutSeconds: { custom: () => undefined },
      HealthyThresholdCount: { custom: () => undefined },
      UnhealthyThresholdCount: { custom: () => undefined },
      Matcher: { custom: () => undefined },
      TargetGroupAttributes: elbAttributes(TG_ATTRIBUTES, true),
      Tags: TAGS,
    },
    (r, f) => {
      const p = r.properties;
      const present: IrObject = {};
      let any = false;
      for (const key of HEALTH_CHECK_KEYS) {
        if (p[key] !== undefined) {
          present[key] = p[key];
          any = true;
        }
      }
      if (any) f.blocks.push(hcl.nested('health_check', specBody(present, HEALTH_CHECK, f)));
    },
  ),

  'AWS::ApplicationAutoScaling::ScalableTarget': simple(
    'aws_appautoscaling_target',
    'id',
    {},
    {
      MaxCapacity: 'max_capacity',
      MinCapacity: 'min_capacity',
      ResourceId: 'resource_id',
      ScalableDimension: 'scalable_dimension',
      ServiceNamespace: 'service_namespace',
      RoleARN: { attr: 'role_arn', refAttr: { 'AWS::IAM::Role': 'arn' } },
      SuspendedState: {
        block: 'suspended_state',
        fields: {
          DynamicScalingInSuspended: 'dynamic_scaling_in_suspended',
          DynamicScalingOutSuspended: 'dynamic_scaling_out_suspended',
          ScheduledScalingSuspended: 'scheduled_scaling_suspended',
        },
      },
      // Terraform declares each scheduled action as its own resource.
      ScheduledActions: {
        custom: (v, f) => {
          expectList(v, f.where).forEach((a, i) => {
            const where = `${f.where}[${i}]`;
            const action = expectObject(a, where);
            const target = (attr: string): HclRaw => self(f, 'aws_appautoscaling_target', attr);
            const body = specBody(
              action,
              {
                ScheduledActionName: 'name',
                Schedule: 'schedule',
                Timezone: 'timezone',
                StartTime: 'start_time',
                EndTime: 'end_time',
                ScalableTargetAction: { block: 'scalable_target_action', fields: SCALABLE_TARGET_ACTION },
              },
              atWhere(f, where),
            );
            const attrs = body.filter((b) => b.kind === 'attr');
            const blocks = body.filter((b) => b.kind !== 'attr');
            companion(f, 'aws_appautoscaling_scheduled_action', f.cx.derived(snakeName, typeof action.ScheduledActionName === 'string' ? action.ScheduledActionName : `scheduled_${i + 1}`), [
              ...attrs,
              hcl.attr('service_namespace', target('service_namespace')),
              hcl.attr('resource_id', target('resource_id')),
              hcl.attr('scalable_dimension', target('scalable_dimension')),
              ...withBlankBeforeBlocks([], blocks),
            ]);
          });
        },
      },
    },
  ),

  'AWS::ApplicationAutoScaling::ScalingPolicy': simple(
    'aws_appautoscaling_policy',
    'arn',
    { Arn: 'arn' },
    {
      PolicyName: 'name',
      PolicyType: 'policy_type',
      ResourceId: 'resource_id',
      ScalableDimension: 'scalable_dimension',
      ServiceNamespace: 'service_namespace',
      ScalingTargetId: {
        custom: (v, f) => {
          if (!isIrExpr(v) || v.__ir !== 'ref' || f.cx.resourceType(v.target) !== 'AWS::ApplicationAutoScaling::ScalableTarget') {
            throw new Error(`Terraform: ${f.where} must be a Ref of a scalable target in the template`);
          }
          const base = `aws_appautoscaling_target.${f.cx.resourceName(v.target)}`;
          f.attrs.push(
            hcl.attr('resource_id', hcl.traversal(`${base}.resource_id`)),
            hcl.attr('scalable_dimension', hcl.traversal(`${base}.scalable_dimension`)),
            hcl.attr('service_namespace', hcl.traversal(`${base}.service_namespace`)),
          );
        },
      },
      TargetTrackingScalingPolicyConfiguration: {
        block: 'target_tracking_scaling_policy_configuration',
        fields: {
          TargetValue: 'target_value',
          DisableScaleIn: 'disable_scale_in',
          ScaleInCooldown: 'scale_in_cooldown',
          ScaleOutCooldown: 'scale_out_cooldown',
          PredefinedMetricSpecification: {
            block: 'predefined_metric_specification',
            fields: { PredefinedMetricType: 'predefined_metric_type', ResourceLabel: 'resource_label' },
          },
          CustomizedMetricSpecification: {
            block: 'customized_metric_specification',
            fields: {
              MetricName: 'metric_name',
              Namespace: 'namespace',
              Statistic: 'statistic',
              Unit: 'unit',
              Dimensions: { block: 'dimensions', fields: { Name: 'name', Value: 'value' } },
            },
          },
        },
      },
      StepScalingPolicyConfiguration: {
        block: 'step_scaling_policy_configuration',
        fields: {
          AdjustmentType: 'adjustment_type',
          Cooldown: 'cooldown',
          MetricAggregationType: 'metric_aggregation_type',
          MinAdjustmentMagnitude: 'min_adjustment_magnitude',
          StepAdjustments: {
            block: 'step_adjustment',
            fields: {
              // The provider takes the interval bounds as strings.
              MetricIntervalLowerBound: { attr: 'metric_interval_lower_bound', value: str },
              MetricIntervalUpperBound: { attr: 'metric_interval_upper_bound', value: str },
              ScalingAdjustment: 'scaling_adjustment',
            },
          },
        },
      },
    },
  ),

  'AWS::CloudWatch::Alarm': simple(
    'aws_cloudwatch_metric_alarm',
    'alarm_name',
    { Arn: 'arn' },
    {
      AlarmName: 'alarm_name',
      AlarmDescription: 'alarm_description',
      ActionsEnabled: 'actions_enabled',
      ComparisonOperator: 'comparison_operator',
      EvaluationPeriods: 'evaluation_periods',
      DatapointsToAlarm: 'datapoints_to_alarm',
      MetricName: 'metric_name',
      Namespace: 'namespace',
      Period: 'period',
      Statistic: 'statistic',
      ExtendedStatistic: 'extended_statistic',
      Threshold: 'threshold',
      ThresholdMetricId: 'threshold_metric_id',
      Unit: 'unit',
      TreatMissingData: 'treat_missing_data',
      EvaluateLowSampleCountPercentile: 'evaluate_low_sample_count_percentiles',
      Dimensions: { attr: 'dimensions', value: METRIC_DIMENSIONS },
      AlarmActions: { attr: 'alarm_actions', refAttr: { 'AWS::ApplicationAutoScaling::ScalingPolicy': 'arn' } },
      OKActions: 'ok_actions',
      InsufficientDataActions: 'insufficient_data_actions',
      Metrics: {
        block: 'metric_query',
        fields: {
          Id: 'id',
          Expression: 'expression',
          Label: 'label',
          ReturnData: 'return_data',
          Period: 'period',
          AccountId: 'account_id',
          MetricStat: {
            custom: (v, f) => {
              const ms = expectObject(v, f.where);
              const metric = expectObject(ms.Metric ?? {}, `${f.where}.Metric`);
              const body = specBody(
                { ...metric, ...(ms.Period !== undefined ? { Period: ms.Period } : {}), ...(ms.Stat !== undefined ? { Stat: ms.Stat } : {}), ...(ms.Unit !== undefined ? { Unit: ms.Unit } : {}) },
                { MetricName: 'metric_name', Namespace: 'namespace', Period: 'period', Stat: 'stat', Unit: 'unit', Dimensions: { attr: 'dimensions', value: METRIC_DIMENSIONS } },
                f,
              );
              f.blocks.push(hcl.nested('metric', body));
            },
          },
        },
      },
      Tags: TAGS,
    },
  ),

  'AWS::EC2::VPC': simple(
    'aws_vpc',
    'id',
    { VpcId: 'id', CidrBlock: 'cidr_block', DefaultSecurityGroup: 'default_security_group_id' },
    {
      CidrBlock: 'cidr_block',
      EnableDnsHostnames: 'enable_dns_hostnames',
      EnableDnsSupport: 'enable_dns_support',
      InstanceTenancy: 'instance_tenancy',
      Tags: TAGS,
    },
  ),

  'AWS::EC2::Subnet': simple(
    'aws_subnet',
    'id',
    { SubnetId: 'id', AvailabilityZone: 'availability_zone', VpcId: 'vpc_id', CidrBlock: 'cidr_block' },
    {
      VpcId: 'vpc_id',
      CidrBlock: 'cidr_block',
      AvailabilityZone: 'availability_zone',
      AvailabilityZoneId: 'availability_zone_id',
      MapPublicIpOnLaunch: 'map_public_ip_on_launch',
      Tags: TAGS,
    },
  ),

  'AWS::EC2::InternetGateway': simple('aws_internet_gateway', 'id', { InternetGatewayId: 'id' }, { Tags: TAGS }),

  'AWS::EC2::VPCGatewayAttachment': simple(
    'aws_internet_gateway_attachment',
    'id',
    {},
    { VpcId: 'vpc_id', InternetGatewayId: 'internet_gateway_id' },
  ),

  'AWS::EC2::RouteTable': simple('aws_route_table', 'id', { RouteTableId: 'id' }, { VpcId: 'vpc_id', Tags: TAGS }),

  'AWS::EC2::Route': simple(
    'aws_route',
    'id',
    {},
    {
      RouteTableId: 'route_table_id',
      DestinationCidrBlock: 'destination_cidr_block',
      GatewayId: 'gateway_id',
      NatGatewayId: 'nat_gateway_id',
    },
  ),

  'AWS::EC2::SubnetRouteTableAssociation': simple(
    'aws_route_table_association',
    'id',
    {},
    { SubnetId: 'subnet_id', RouteTableId: 'route_table_id' },
  ),

  'AWS::EC2::EIP': simple('aws_eip', 'public_ip', { AllocationId: 'allocation_id', PublicIp: 'public_ip' }, { Domain: 'domain', Tags: TAGS }),

  'AWS::EC2::NatGateway': simple(
    'aws_nat_gateway',
    'id',
    { NatGatewayId: 'id' },
    { AllocationId: 'allocation_id', SubnetId: 'subnet_id', ConnectivityType: 'connectivity_type', Tags: TAGS },
  ),

  'AWS::EC2::SecurityGroup': simple(
    'aws_security_group',
    'id',
    { GroupId: 'id', VpcId: 'vpc_id' },
    {
      GroupName: 'name',
      GroupDescription: 'description',
      VpcId: 'vpc_id',
      // Terraform manages rules as separate resources (inline and separate rules must not be mixed).
      SecurityGroupIngress: { custom: () => undefined },
      SecurityGroupEgress: { custom: () => undefined },
      Tags: TAGS,
    },
    (r, f) => {
      const groupId = self(f, 'aws_security_group', 'id');
      const ingress = r.properties.SecurityGroupIngress;
      if (ingress !== undefined) {
        expectList(ingress, `${r.id}.SecurityGroupIngress`).forEach((rule, i) => {
          const where = `${r.id}.SecurityGroupIngress[${i}]`;
          companion(f, 'aws_vpc_security_group_ingress_rule', `ingress_${i + 1}`, ruleBody(expectObject(rule, where), atWhere(f, where), 'ingress', groupId));
        });
      }
      const egress = r.properties.SecurityGroupEgress;
      if (egress !== undefined) {
        expectList(egress, `${r.id}.SecurityGroupEgress`).forEach((rule, i) => {
          const where = `${r.id}.SecurityGroupEgress[${i}]`;
          companion(f, 'aws_vpc_security_group_egress_rule', `egress_${i + 1}`, ruleBody(expectObject(rule, where), atWhere(f, where), 'egress', groupId));
        });
      } else {
        companion(
          f,
          'aws_vpc_security_group_egress_rule',
          'egress_all',
          [hcl.attr('security_group_id', groupId), hcl.attr('ip_protocol', '-1'), hcl.attr('cidr_ipv4', '0.0.0.0/0')],
          'CloudFormation allows all outbound traffic of a new security group by default; Terraform does not.',
        );
      }
    },
  ),

  'AWS::EC2::SecurityGroupIngress': securityGroupRule('ingress'),
  'AWS::EC2::SecurityGroupEgress': securityGroupRule('egress'),

  'AWS::EC2::LaunchTemplate': simple(
    'aws_launch_template',
    'id',
    { LaunchTemplateId: 'id', LatestVersionNumber: 'latest_version', DefaultVersionNumber: 'default_version' },
    {
      LaunchTemplateName: 'name',
      VersionDescription: 'description',
      TagSpecifications: {
        custom: (v, f) => {
          expectList(v, f.where).forEach((ts, i) => {
            const spec = expectObject(ts, `${f.where}[${i}]`);
            if (spec.ResourceType !== 'launch-template') throw new Error(`Terraform: ${f.where}[${i}].ResourceType must be launch-template`);
            f.attrs.push(hcl.attr('tags', tagsMap(spec.Tags ?? [], atWhere(f, `${f.where}[${i}].Tags`))));
          });
        },
      },
      LaunchTemplateData: {
        custom: (v, f) => {
          applySpec(
            expectObject(v, f.where),
            {
              ImageId: 'image_id',
              InstanceType: 'instance_type',
              KeyName: 'key_name',
              UserData: 'user_data',
              EbsOptimized: 'ebs_optimized',
              SecurityGroupIds: 'vpc_security_group_ids',
              IamInstanceProfile: {
                block: 'iam_instance_profile',
                fields: { Arn: 'arn', Name: 'name' },
              },
              MetadataOptions: {
                block: 'metadata_options',
                fields: {
                  HttpEndpoint: 'http_endpoint',
                  HttpTokens: 'http_tokens',
                  HttpPutResponseHopLimit: 'http_put_response_hop_limit',
                  InstanceMetadataTags: 'instance_metadata_tags',
                },
              },
              Monitoring: { block: 'monitoring', fields: { Enabled: 'enabled' } },
              BlockDeviceMappings: {
                block: 'block_device_mappings',
                fields: {
                  DeviceName: 'device_name',
                  Ebs: {
                    block: 'ebs',
                    fields: {
                      VolumeSize: 'volume_size',
                      VolumeType: 'volume_type',
                      Encrypted: { attr: 'encrypted', value: str },
                      DeleteOnTermination: { attr: 'delete_on_termination', value: str },
                      Iops: 'iops',
                      Throughput: 'throughput',
                      KmsKeyId: 'kms_key_id',
                      SnapshotId: 'snapshot_id',
                    },
                  },
                },
              },
              NetworkInterfaces: {
                block: 'network_interfaces',
                fields: {
                  AssociatePublicIpAddress: 'associate_public_ip_address',
                  DeviceIndex: 'device_index',
                  Groups: 'security_groups',
                  SubnetId: 'subnet_id',
                  DeleteOnTermination: 'delete_on_termination',
                },
              },
              TagSpecifications: { block: 'tag_specifications', fields: { ResourceType: 'resource_type', Tags: TAGS } },
            },
            f,
          );
        },
      },
    },
  ),

  'AWS::AutoScaling::AutoScalingGroup': simple(
    'aws_autoscaling_group',
    'name',
    {},
    {
      AutoScalingGroupName: 'name',
      MinSize: { attr: 'min_size', value: num },
      MaxSize: { attr: 'max_size', value: num },
      DesiredCapacity: { attr: 'desired_capacity', value: num },
      VPCZoneIdentifier: 'vpc_zone_identifier',
      AvailabilityZones: 'availability_zones',
      HealthCheckType: 'health_check_type',
      HealthCheckGracePeriod: 'health_check_grace_period',
      NewInstancesProtectedFromScaleIn: 'protect_from_scale_in',
      CapacityRebalance: 'capacity_rebalance',
      Cooldown: { attr: 'default_cooldown', value: num },
      DefaultInstanceWarmup: 'default_instance_warmup',
      MaxInstanceLifetime: 'max_instance_lifetime',
      TargetGroupARNs: 'target_group_arns',
      TerminationPolicies: 'termination_policies',
      LaunchTemplate: {
        block: 'launch_template',
        fields: { LaunchTemplateId: 'id', LaunchTemplateName: 'name', Version: { attr: 'version', value: str } },
      },
      Tags: {
        block: 'tag',
        fields: { Key: 'key', Value: 'value', PropagateAtLaunch: { attr: 'propagate_at_launch', value: bool } },
      },
    },
  ),

  'AWS::IAM::Role': simple(
    'aws_iam_role',
    'name',
    { Arn: 'arn', RoleId: 'unique_id' },
    {
      RoleName: 'name',
      Path: 'path',
      Description: 'description',
      MaxSessionDuration: 'max_session_duration',
      PermissionsBoundary: 'permissions_boundary',
      AssumeRolePolicyDocument: { attr: 'assume_role_policy', value: json },
      // Inline and managed policies are separate resources in Terraform.
      Policies: {
        custom: (v, f) => {
          expectList(v, f.where).forEach((p, i) => {
            const where = `${f.where}[${i}]`;
            const policy = expectObject(p, where);
            if (typeof policy.PolicyName !== 'string') throw new Error(`Terraform: ${where}.PolicyName must be a literal string`);
            companion(f, 'aws_iam_role_policy', f.cx.derived(snakeName, policy.PolicyName), [
              hcl.attr('name', policy.PolicyName),
              hcl.attr('role', self(f, 'aws_iam_role', 'id')),
              hcl.attr('policy', json(policy.PolicyDocument ?? {}, atWhere(f, `${where}.PolicyDocument`))),
            ]);
          });
        },
      },
      ManagedPolicyArns: {
        custom: (v, f) => {
          expectList(v, f.where).forEach((arn, i) => {
            roleAttachment(f, managedPolicySuffix(arn, i, f.cx), self(f, 'aws_iam_role', 'name'), f.cx.expr(arn, `${f.where}[${i}]`, { refAttr: { 'AWS::IAM::ManagedPolicy': 'arn' } }));
          });
        },
      },
      Tags: TAGS,
    },
  ),

  'AWS::IAM::Policy': {
    tfType: 'aws_iam_role_policy',
    ref: 'id',
    attributes: { Id: 'id' },
    render(r, cx) {
      const p = r.properties;
      const name = cx.resourceName(r.id);
      for (const key of Object.keys(p)) {
        if (!['PolicyName', 'PolicyDocument', 'Roles'].includes(key)) {
          throw new Error(`Terraform: property ${r.id}.${key} of AWS::IAM::Policy has no Terraform mapping`);
        }
      }
      const roles = expectList(p.Roles ?? [], `${r.id}.Roles`);
      if (roles.length !== 1) throw new Error(`Terraform: ${r.id}.Roles must name exactly one role`);
      const body: HclBodyItem[] = [
        hcl.attr('name', cx.expr(p.PolicyName ?? r.id, `${r.id}.PolicyName`)),
        hcl.attr('role', cx.expr(roles[0]!, `${r.id}.Roles[0]`)),
        hcl.attr('policy', json(p.PolicyDocument ?? {}, { cx, resource: r, name, where: `${r.id}.PolicyDocument`, attrs: [], blocks: [], extra: [] })),
        ...dependsOn(r, cx),
      ];
      return [{ tfType: 'aws_iam_role_policy', name, body, ...(r.comment !== undefined ? { comment: r.comment } : {}) }];
    },
  },

  'AWS::IAM::ManagedPolicy': simple(
    'aws_iam_policy',
    'arn',
    { PolicyArn: 'arn' },
    {
      ManagedPolicyName: 'name',
      Path: 'path',
      Description: 'description',
      PolicyDocument: { attr: 'policy', value: json },
      Roles: {
        custom: (v, f) => {
          expectList(v, f.where).forEach((role, i) => {
            roleAttachment(f, `attachment_${i + 1}`, f.cx.expr(role, `${f.where}[${i}]`), self(f, 'aws_iam_policy', 'arn'));
          });
        },
      },
    },
  ),

  'AWS::IAM::InstanceProfile': simple(
    'aws_iam_instance_profile',
    'name',
    { Arn: 'arn' },
    { InstanceProfileName: 'name', Path: 'path', Roles: { attr: 'role', value: firstOf } },
  ),

  'AWS::S3::Bucket': simple(
    'aws_s3_bucket',
    'bucket',
    { Arn: 'arn', DomainName: 'bucket_domain_name', RegionalDomainName: 'bucket_regional_domain_name' },
    {
      BucketName: 'bucket',
      Tags: TAGS,
      VersioningConfiguration: {
        custom: (v, f) => {
          const vc = expectObject(v, f.where);
          companion(f, 'aws_s3_bucket_versioning', 'versioning', [
            hcl.attr('bucket', self(f, 'aws_s3_bucket', 'id')),
            hcl.blank(),
            hcl.nested('versioning_configuration', [hcl.attr('status', f.cx.expr(vc.Status ?? 'Enabled', `${f.where}.Status`))]),
          ]);
        },
      },
      PublicAccessBlockConfiguration: {
        custom: (v, f) => {
          companion(f, 'aws_s3_bucket_public_access_block', 'public_access', [
            hcl.attr('bucket', self(f, 'aws_s3_bucket', 'id')),
            ...specBody(
              expectObject(v, f.where),
              {
                BlockPublicAcls: 'block_public_acls',
                BlockPublicPolicy: 'block_public_policy',
                IgnorePublicAcls: 'ignore_public_acls',
                RestrictPublicBuckets: 'restrict_public_buckets',
              },
              f,
            ),
          ]);
        },
      },
      BucketEncryption: {
        custom: (v, f) => {
          const be = expectObject(v, f.where);
          const rules = expectList(be.ServerSideEncryptionConfiguration ?? [], `${f.where}.ServerSideEncryptionConfiguration`);
          const blocks = rules.map((rule, i) => {
            const where = `${f.where}.ServerSideEncryptionConfiguration[${i}]`;
            return hcl.nested(
              'rule',
              specBody(
                expectObject(rule, where),
                {
                  BucketKeyEnabled: 'bucket_key_enabled',
                  ServerSideEncryptionByDefault: {
                    block: 'apply_server_side_encryption_by_default',
                    fields: { SSEAlgorithm: 'sse_algorithm', KMSMasterKeyID: 'kms_master_key_id' },
                  },
                },
                atWhere(f, where),
              ),
            );
          });
          companion(f, 'aws_s3_bucket_server_side_encryption_configuration', 'encryption', [
            hcl.attr('bucket', self(f, 'aws_s3_bucket', 'id')),
            ...withBlankBeforeBlocks([], blocks),
          ]);
        },
      },
    },
  ),

  'AWS::SecretsManager::Secret': simple(
    'aws_secretsmanager_secret',
    'arn',
    { Id: 'arn' },
    {
      Name: 'name',
      Description: 'description',
      KmsKeyId: 'kms_key_id',
      SecretString: {
        custom: (v, f) => {
          companion(f, 'aws_secretsmanager_secret_version', 'value', [
            hcl.attr('secret_id', self(f, 'aws_secretsmanager_secret', 'id')),
            hcl.attr('secret_string', f.cx.expr(v, f.where)),
          ]);
        },
      },
      Tags: TAGS,
    },
  ),

  'AWS::SSM::Parameter': simple(
    'aws_ssm_parameter',
    'name',
    { Type: 'type', Value: 'value' },
    {
      Name: 'name',
      Type: 'type',
      Value: 'value',
      Description: 'description',
      Tier: 'tier',
      DataType: 'data_type',
      AllowedPattern: 'allowed_pattern',
      Tags: 'tags',
    },
  ),

  'AWS::ServiceDiscovery::PrivateDnsNamespace': simple(
    'aws_service_discovery_private_dns_namespace',
    'id',
    { Id: 'id', Arn: 'arn', HostedZoneId: 'hosted_zone' },
    { Name: 'name', Vpc: 'vpc', Description: 'description', Tags: TAGS },
  ),

  'AWS::ServiceDiscovery::HttpNamespace': simple(
    'aws_service_discovery_http_namespace',
    'id',
    { Id: 'id', Arn: 'arn' },
    { Name: 'name', Description: 'description', Tags: TAGS },
  ),
};
