import type { Design } from '../model/document';
import type { Finding } from '../findings';
import { validateDesign } from '../rules';
import { buildResourceGraph } from './build';
import { renderCdk } from './cdk';
import { renderCloudFormation, type CfnFormat } from './cloudformation';
import type { GeneratedFile, IrTemplate } from './ir';
import { renderTerraform } from './terraform';

export { buildResourceGraph, IacBuildError } from './build';
export { renderCloudFormation } from './cloudformation';
export type { GeneratedFile, IrTemplate } from './ir';

export const IAC_FORMATS = ['cloudformation', 'terraform', 'cdk'] as const;
export type IacFormat = (typeof IAC_FORMATS)[number];

export interface IacOptions {
  /** CloudFormation text format (default yaml). */
  readonly cfnFormat?: CfnFormat;
  /** CDK stack name (default: derived from the design name). */
  readonly stackName?: string;
  /** Generate even when the validator reports errors (the result may not deploy). */
  readonly force?: boolean;
  /** Findings already computed for this design (skips validating again). */
  readonly findings?: readonly Finding[];
}

/** Generation refused because the design has validation errors; `findings` lists them. */
export class IacValidationError extends Error {
  constructor(readonly findings: readonly Finding[]) {
    super(
      `the design has ${findings.length} validation error${findings.length === 1 ? '' : 's'}; fix ${findings.length === 1 ? 'it' : 'them'} or generate anyway (force):\n` +
        findings.map((f) => `  ${f.rule}: ${f.message}${f.nodeId !== undefined ? ` (node ${f.nodeId})` : ''}`).join('\n'),
    );
    this.name = 'IacValidationError';
  }
}

/**
 * Findings the generated template itself resolves: a role the template creates gets the permissions its edges
 * need (shared/iac/iam.ts), so "the execution role lacks …" does not apply to it.
 */
function satisfiedByTemplate(design: Design, f: Finding): boolean {
  if (f.rule !== 'role/execution-role-permissions' || f.nodeId === undefined) return false;
  const role = design.nodes.find((n) => n.id === f.nodeId);
  return role?.kind === 'executionRole' && role.properties.arn === undefined;
}

/** A CDK stack name from a design name: letters, digits and hyphens, starting with a letter. */
export function stackNameOf(design: Design): string {
  const cleaned = design.name
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[^A-Za-z]+|-+$/g, '');
  return (cleaned.length > 0 ? cleaned : 'EcsDesignerStack').slice(0, 128);
}

/** Renders an already built resource graph in one format. */
export function renderIac(t: IrTemplate, format: IacFormat, opts: { cfnFormat?: CfnFormat; stackName: string }): GeneratedFile[] {
  switch (format) {
    case 'cloudformation': {
      const cfnFormat = opts.cfnFormat ?? 'yaml';
      return [{ path: `template.${cfnFormat}`, contents: renderCloudFormation(t, { format: cfnFormat }) }];
    }
    case 'terraform':
      return renderTerraform(t);
    case 'cdk':
      return renderCdk(t, { stackName: opts.stackName });
  }
}

/**
 * The resource graph of a design, for export. Refuses (IacValidationError listing the error findings) when the
 * validator reports errors, since such a design gives templates that do not deploy, unless `force` is set.
 * Build it once to render several formats (the Export dialog switches formats without building it again).
 */
export function exportGraph(design: Design, opts: Pick<IacOptions, 'force' | 'findings'> = {}): IrTemplate {
  if (opts.force !== true) {
    const errors = (opts.findings ?? validateDesign(design)).filter((f) => f.severity === 'error' && !satisfiedByTemplate(design, f));
    if (errors.length > 0) throw new IacValidationError(errors);
  }
  return buildResourceGraph(design);
}

/** Infrastructure as code for a design in one format: `exportGraph`, then `renderIac`. */
export function generateIac(design: Design, format: IacFormat, opts: IacOptions = {}): GeneratedFile[] {
  const t = exportGraph(design, opts);
  return renderIac(t, format, { ...(opts.cfnFormat !== undefined ? { cfnFormat: opts.cfnFormat } : {}), stackName: opts.stackName ?? stackNameOf(design) });
}
