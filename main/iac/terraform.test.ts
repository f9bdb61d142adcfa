import { describe, expect, it } from 'vitest';
import { renderTerraform, snakeCase } from '../../shared/iac/terraform';
import { TF_TYPES } from '../../shared/iac/terraformMappings';
import { ir, type IrTemplate } from '../../shared/iac/ir';
import { FULL_TEMPLATE } from '../../shared/iac/testdata/fullTemplate';
import { buildResourceGraph } from '../../shared/iac/build';
import { everyKindDesign } from '../../shared/iac/buildTestDesigns';
import { PATTERNS } from '../../shared/patterns/index';
import { declarations, hclfmtDiffs, parseTerraform, terraformReferenceProblems, type TerraformJson } from './hcl2json';

type Obj = Record<string, unknown>;
const first = (v: unknown): Obj => (Array.isArray(v) ? (v[0] as Obj) : (v as Obj));

function resource(parsed: Map<string, TerraformJson>, type: string, name: string): Obj {
  const main = parsed.get('main.tf')!;
  const byType = (main.resource as Obj)[type] as Obj | undefined;
  const body = byType?.[name];
  if (body === undefined) throw new Error(`main.tf has no ${type}.${name}`);
  return first(body);
}

describe('renderTerraform (full fixture: every mapped resource type)', async () => {
  const files = renderTerraform(FULL_TEMPLATE);
  const parsed = await parseTerraform(files);

  it('writes the conventional root-module files', () => {
    expect(files.map((f) => f.path)).toEqual(['versions.tf', 'providers.tf', 'variables.tf', 'main.tf', 'outputs.tf']);
    const versions = first((parsed.get('versions.tf')!.terraform as unknown[])[0]);
    expect(first(versions.required_providers)).toEqual({ aws: { source: 'hashicorp/aws', version: '~> 5.0' } });
  });

  it('parses with hcl2json and is canonically formatted (hclfmt would change nothing)', async () => {
    expect(parsed.size).toBe(5);
    expect(await hclfmtDiffs(files)).toEqual([]);
  });

  it('resolves every reference to a declared resource, data source or variable', async () => {
    const { checked, problems } = await terraformReferenceProblems(parsed);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(60);
  });

  it('declares one aws_* resource per IR resource, of the mapped type', () => {
    const { resources } = declarations(parsed);
    for (const r of FULL_TEMPLATE.resources) {
      expect(resources.has(`${TF_TYPES[r.type]!.tfType}.${snakeCase(r.id)}`), `${r.type} ${r.id}`).toBe(true);
    }
    // The fixture covers every type the renderer maps.
    expect([...new Set(FULL_TEMPLATE.resources.map((r) => r.type))].sort()).toEqual(Object.keys(TF_TYPES).sort());
  });

  it('writes container definitions as jsonencode() with the ECS API camelCase names, free-form maps kept', () => {
    const td = resource(parsed, 'aws_ecs_task_definition', 'web_task_definition');
    const defs = td.container_definitions as string;
    expect(defs.startsWith('${jsonencode([')).toBe(true);
    for (const key of ['portMappings', 'containerPort', 'logConfiguration', 'logDriver', 'mountPoints', 'healthCheck', 'valueFrom', 'dockerLabels']) {
      expect(defs).toContain(`${key} `);
    }
    expect(defs).not.toMatch(/PortMappings|ContainerPort|LogConfiguration/);
    expect(defs).toMatch(/"awslogs-group" +[=] aws_cloudwatch_log_group\.web_log_group\.name\n/);
    expect(defs).toContain('"com.example.team" = "shop"');
    expect(defs).toContain('image     = "${aws_ecr_repository.web_repository.repository_url}:${var.web_image_tag}"');
    expect(defs).toContain('"Hello \\"$${name}\\""');
    expect(td.execution_role_arn).toBe('${aws_iam_role.web_execution_role.arn}');
    const volume = first(td.volume);
    expect(first(volume.efs_volume_configuration)).toMatchObject({
      file_system_id: '${aws_efs_file_system.data_file_system.id}',
      transit_encryption: 'ENABLED',
      authorization_config: [{ access_point_id: '${aws_efs_access_point.data_access_point.id}', iam: 'ENABLED' }],
    });
  });

  it('maps the service: cluster ARN, awsvpc network, circuit breaker, load balancer, dependency', () => {
    const svc = resource(parsed, 'aws_ecs_service', 'web_service');
    expect(svc).toMatchObject({
      name: 'web',
      cluster: '${aws_ecs_cluster.cluster.arn}',
      task_definition: '${aws_ecs_task_definition.web_task_definition.arn}',
      desired_count: '${var.web_desired_count}',
      deployment_maximum_percent: 200,
      deployment_minimum_healthy_percent: 100,
      deployment_circuit_breaker: [{ enable: true, rollback: true }],
      network_configuration: [{ assign_public_ip: true, subnets: ['${aws_subnet.public_subnet_a.id}', '${aws_subnet.public_subnet_b.id}'] }],
      load_balancer: [{ target_group_arn: '${aws_lb_target_group.web_target_group.arn}', container_name: 'web', container_port: 8080 }],
      depends_on: ['${aws_lb_listener_rule.web_listener_rule}'],
    });
    expect((svc.capacity_provider_strategy as unknown[]).length).toBe(2);
    // Scaled by Application Auto Scaling: Terraform leaves the desired count alone.
    expect(svc.lifecycle).toEqual([{ ignore_changes: ['${desired_count}'] }]);
    expect(resource(parsed, 'aws_ecs_service', 'worker_service').lifecycle).toBeUndefined();
    expect(resource(parsed, 'aws_ecs_service', 'worker_service').network_configuration).toEqual([
      { subnets: '${var.extra_subnet_ids}', assign_public_ip: false },
    ]);
  });

  it('makes what uses a role wait for the policies Terraform attaches separately', () => {
    expect(resource(parsed, 'aws_ecs_task_definition', 'web_task_definition').depends_on).toEqual([
      '${aws_iam_role_policy.web_execution_role_ecr_pull}',
      '${aws_iam_role_policy.web_execution_role_logs}',
      '${aws_iam_role_policy.web_execution_secrets_policy}',
      '${aws_iam_role_policy.web_task_role_assets_read_write}',
      '${aws_iam_role_policy.web_task_role_efs_client}',
    ]);
    // Through the instance profile: the launch template waits for the instance role's managed policies.
    expect(resource(parsed, 'aws_launch_template', 'launch_template').depends_on).toEqual([
      '${aws_iam_role_policy_attachment.instance_role_amazon_ec2_container_servicefor_ec2_role}',
      '${aws_iam_role_policy_attachment.instance_ssm_policy_attachment_1}',
    ]);
    // Dependencies the IR states are kept.
    expect(resource(parsed, 'aws_ecs_service', 'web_service').depends_on).toEqual(['${aws_lb_listener_rule.web_listener_rule}']);
  });

  it('splits out what Terraform keeps in separate resources', () => {
    expect(resource(parsed, 'aws_ecr_lifecycle_policy', 'web_repository_lifecycle').policy).toMatch(/^\$\{jsonencode\(\{\n\s+rules = \[/);
    expect(resource(parsed, 'aws_iam_role_policy', 'web_execution_role_logs').policy).toContain('"${aws_cloudwatch_log_group.web_log_group.arn}:*"');
    expect(resource(parsed, 'aws_iam_role_policy_attachment', 'instance_role_amazon_ec2_container_servicefor_ec2_role').role).toBe('${aws_iam_role.instance_role.name}');
    expect(resource(parsed, 'aws_vpc_security_group_ingress_rule', 'alb_security_group_ingress_1')).toMatchObject({ from_port: 80, to_port: 80, cidr_ipv4: '0.0.0.0/0' });
    // A CloudFormation security group without egress rules allows all outbound traffic; Terraform needs it said.
    expect(resource(parsed, 'aws_vpc_security_group_egress_rule', 'efs_security_group_egress_all')).toMatchObject({ ip_protocol: '-1' });
    expect(() => resource(parsed, 'aws_vpc_security_group_egress_rule', 'web_security_group_egress_all')).toThrow();
    expect(resource(parsed, 'aws_ecs_cluster_capacity_providers', 'cluster_capacity_providers').capacity_providers).toEqual([
      'FARGATE',
      'FARGATE_SPOT',
      '${aws_ecs_capacity_provider.ec2_capacity_provider.name}',
    ]);
    expect(resource(parsed, 'aws_appautoscaling_scheduled_action', 'web_scalable_target_nightly_scale_in')).toMatchObject({
      name: 'NightlyScaleIn',
      schedule: 'cron(0 22 * * ? *)',
      resource_id: '${aws_appautoscaling_target.web_scalable_target.resource_id}',
      scalable_target_action: [{ min_capacity: 1, max_capacity: 2 }],
    });
    expect(resource(parsed, 'aws_s3_bucket_versioning', 'assets_bucket_versioning').versioning_configuration).toEqual([{ status: 'Enabled' }]);
    expect(resource(parsed, 'aws_efs_backup_policy', 'data_file_system_backup').backup_policy).toEqual([{ status: 'ENABLED' }]);
    expect(resource(parsed, 'aws_secretsmanager_secret_version', 'db_password_secret_value').secret_string).toBe('change-me');
  });

  it('maps scaling, alarms, capacity providers and launch templates with Terraform attribute names', () => {
    expect(resource(parsed, 'aws_appautoscaling_policy', 'web_cpu_scaling')).toMatchObject({
      policy_type: 'TargetTrackingScaling',
      scalable_dimension: '${aws_appautoscaling_target.web_scalable_target.scalable_dimension}',
      target_tracking_scaling_policy_configuration: [
        { target_value: 60, predefined_metric_specification: [{ predefined_metric_type: 'ECSServiceAverageCPUUtilization' }] },
      ],
    });
    const step = first(resource(parsed, 'aws_appautoscaling_policy', 'web_requests_step_scaling').step_scaling_policy_configuration);
    expect(step.step_adjustment).toEqual([
      { metric_interval_lower_bound: '0', metric_interval_upper_bound: '100', scaling_adjustment: 1 },
      { metric_interval_lower_bound: '100', scaling_adjustment: 3 },
    ]);
    expect(resource(parsed, 'aws_cloudwatch_metric_alarm', 'web_requests_alarm')).toMatchObject({
      alarm_actions: ['${aws_appautoscaling_policy.web_requests_step_scaling.arn}'],
      dimensions: { TargetGroup: '${aws_lb_target_group.web_target_group.arn_suffix}' },
      comparison_operator: 'GreaterThanThreshold',
    });
    expect(first(resource(parsed, 'aws_ecs_capacity_provider', 'ec2_capacity_provider').auto_scaling_group_provider)).toMatchObject({
      auto_scaling_group_arn: '${aws_autoscaling_group.auto_scaling_group.arn}',
      managed_scaling: [{ status: 'ENABLED', target_capacity: 100 }],
    });
    const lt = resource(parsed, 'aws_launch_template', 'launch_template');
    expect(lt.image_id).toBe('${nonsensitive(data.aws_ssm_parameter.ecs_ami_id.value)}');
    expect(lt.user_data).toContain('ECS_CLUSTER=${aws_ecs_cluster.cluster.name}');
    expect(resource(parsed, 'aws_autoscaling_group', 'auto_scaling_group')).toMatchObject({ min_size: 0, max_size: 4, launch_template: [{ version: '${aws_launch_template.launch_template.latest_version}' }] });
    expect(resource(parsed, 'aws_lb', 'load_balancer')).toMatchObject({ internal: false, load_balancer_type: 'application', idle_timeout: 60 });
    expect(first(resource(parsed, 'aws_lb_target_group', 'web_target_group').health_check)).toMatchObject({ path: '/health', matcher: '200-299' });
  });

  it('declares parameters as variables, the SSM AMI parameter as a data source, pseudo parameters as data sources, outputs', () => {
    const vars = parsed.get('variables.tf')!.variable as Obj;
    expect(first(vars.web_desired_count)).toMatchObject({ type: '${number}', default: 2 });
    expect(first(vars.extra_subnet_ids)).toMatchObject({ type: '${list(string)}', default: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'] });
    expect(first(first(vars.environment).validation)).toMatchObject({ condition: '${contains(["staging", "production"], var.environment)}' });
    const data = parsed.get('main.tf')!.data as Obj;
    expect(Object.keys(data).sort()).toEqual(['aws_availability_zones', 'aws_caller_identity', 'aws_partition', 'aws_region', 'aws_ssm_parameter']);
    const outputs = parsed.get('outputs.tf')!.output as Obj;
    expect(first(outputs.cluster_name).value).toBe('${aws_ecs_cluster.cluster.name}');
    expect(first(outputs.load_balancer_dns_name).value).toBe('${aws_lb.load_balancer.dns_name}');
    expect(first(outputs.web_service_name).value).toBe('${aws_ecs_service.web_service.name}');
  });
});

describe('renderTerraform errors name what and where', () => {
  const base: IrTemplate = { description: 'x', parameters: [], resources: [], outputs: [] };

  it('rejects an unmapped resource type, property or attribute', () => {
    expect(() => renderTerraform({ ...base, resources: [{ id: 'Q', type: 'AWS::SQS::Queue', properties: {} }] })).toThrow(
      'Terraform: no mapping for resource type AWS::SQS::Queue (resource "Q")',
    );
    expect(() =>
      renderTerraform({ ...base, resources: [{ id: 'Lg', type: 'AWS::Logs::LogGroup', properties: { DataProtectionPolicy: {} } }] }),
    ).toThrow('property Lg.DataProtectionPolicy of AWS::Logs::LogGroup has no Terraform mapping');
    expect(() =>
      renderTerraform({
        ...base,
        resources: [{ id: 'Lg', type: 'AWS::Logs::LogGroup', properties: {} }],
        outputs: [{ id: 'O', description: 'o', value: ir.getAtt('Lg', 'Nope') }],
      }),
    ).toThrow('uses attribute "Nope" of AWS::Logs::LogGroup "Lg"');
    expect(() => renderTerraform({ ...base, outputs: [{ id: 'O', description: 'o', value: ir.ref('Missing') }] })).toThrow(
      '"Missing" is not a resource of the template',
    );
  });

  it('names the exact place of a bad reference deep inside a JSON document or a container definition', () => {
    const logGroup = { id: 'Lg', type: 'AWS::Logs::LogGroup', properties: {} };
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: [ir.getAtt('Lg', 'Arn')] },
        { Effect: 'Allow', Action: ['logs:CreateLogStream'], Resource: ['*', ir.getAtt('Lg', 'Nope')] },
      ],
    };
    expect(() =>
      renderTerraform({
        ...base,
        resources: [
          logGroup,
          { id: 'Role', type: 'AWS::IAM::Role', properties: { AssumeRolePolicyDocument: policy } },
        ],
      }),
    ).toThrow('Terraform: Role.AssumeRolePolicyDocument.Statement[1].Resource[1] uses attribute "Nope" of AWS::Logs::LogGroup "Lg"');
    expect(() =>
      renderTerraform({
        ...base,
        resources: [
          logGroup,
          {
            id: 'Td',
            type: 'AWS::ECS::TaskDefinition',
            properties: {
              ContainerDefinitions: [
                { Name: 'app', Image: 'x', LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': ir.getAtt('Lg', 'Nope') } } },
              ],
            },
          },
        ],
      }),
    ).toThrow('Terraform: Td.ContainerDefinitions[0].LogConfiguration.Options.awslogs-group uses attribute "Nope"');
  });

  it('keeps Terraform names unique and clear of reserved variable names', () => {
    const files = renderTerraform({
      ...base,
      parameters: [{ id: 'Version', type: 'String', description: 'v' }],
      resources: [
        { id: 'WebLogs', type: 'AWS::Logs::LogGroup', properties: { LogGroupName: ir.ref('Version') } },
        { id: 'Web_Logs', type: 'AWS::Logs::LogGroup', properties: {} },
      ],
      outputs: [
        { id: 'LogsName', description: 'a', value: ir.ref('WebLogs') },
        { id: 'Logs_Name', description: 'b', value: ir.ref('Web_Logs') },
      ],
    });
    const text = (p: string) => files.find((f) => f.path === p)!.contents;
    expect(text('main.tf')).toContain('resource "aws_cloudwatch_log_group" "web_logs" {\n  name = var.version_2\n}');
    expect(text('main.tf')).toContain('resource "aws_cloudwatch_log_group" "web_logs_2" {}');
    expect(text('variables.tf')).toContain('variable "version_2" {');
    expect(text('outputs.tf')).toContain('output "logs_name" {');
    expect(text('outputs.tf')).toContain('output "logs_name_2" {');
  });
});

const DESIGNS = [
  ...PATTERNS.map((p) => ({ id: p.id, design: () => p.build({ settings: { region: 'eu-central-1', accountId: '123456789012' } }) })),
  { id: 'every-kind', design: () => everyKindDesign() },
  { id: 'every-kind-existing', design: () => everyKindDesign({ existing: true }) },
];

describe('renderTerraform on every pattern design and the every-node-kind designs', () => {
  for (const d of DESIGNS) {
    it(`${d.id}: parses, is canonically formatted, every reference resolves, one resource per IR resource`, async () => {
      const template = buildResourceGraph(d.design());
      const files = renderTerraform(template);
      const parsed = await parseTerraform(files);
      expect(await hclfmtDiffs(files)).toEqual([]);
      const { checked, problems } = await terraformReferenceProblems(parsed);
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(template.resources.length);
      const { resources, outputs } = declarations(parsed);
      for (const r of template.resources) expect(resources.has(`${TF_TYPES[r.type]!.tfType}.${snakeCase(r.id)}`), `${r.type} ${r.id}`).toBe(true);
      expect([...outputs].sort()).toEqual(template.outputs.map((o) => snakeCase(o.id)).sort());
    });
  }
});
