import { Option, type Command } from 'commander';
import { parseDesignValue } from '../../shared/model/document';
import { estimateDesign } from '../../shared/pricing/estimate';
import { PriceTableSchema, SHIPPED_PRICE_TABLE, type PriceTable } from '../../shared/pricing/priceTable';
import { costReportText } from '../../shared/pricing/report';
import { parseJson } from '../../shared/json';
import type { CliContext } from './context';
import { CliError, EXIT } from './errors';
import { detectInputKind, formatFindingLine, parseInputText } from './findings';

type CostOptions = { format: 'text' | 'json'; prices?: string };

export function costCommand(ctx: CliContext, parent: string): Command {
  return ctx
    .command('cost', parent)
    .summary('estimate what a design costs per month')
    .description(
      'Estimate the monthly cost of a design file: Fargate tasks (size × count × hours, Linux/x86, Linux/ARM64, ' +
        'Windows with its license, Fargate Spot at an average discount, ephemeral storage above 20 GiB), EC2 Auto ' +
        'Scaling group instances, load balancers, EFS storage and CloudWatch Logs ingestion. Each line item shows its ' +
        'formula; auto scaling gives a min–max range. Assumptions (hours per month, Spot discount, log volume, load ' +
        'balancer capacity units, EFS size) come from the design settings ("settings.cost"), else their defaults.',
    )
    .argument('<design>', 'design file (.ecsd.json)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--prices <file>', 'price table JSON to use instead of the shipped one (e.g. one refreshed in the app)')
    .addHelpText(
      'after',
      [
        '',
        'Output:',
        '  text  one line per line item: monthly USD, what, formula; then what was not',
        '        priced and why, notes, "what if" savings (ARM64, Fargate Spot), total',
        '  json  {"design","estimate":{region,priceTable,assumptions,lines[],unpriced[],',
        '        notes[],whatIfs[],byNode,total}}',
        '',
        'Prices are on-demand list prices in USD, from the table shipped with this version',
        '(its date is printed) unless --prices names another. Taxes, data transfer, NAT',
        'gateways, EBS volumes and savings plans are not included.',
        '',
        'Exit status: 0 estimate printed; 1 the file is not a valid design; 2 usage error,',
        'unreadable file or invalid --prices table.',
        '',
        'Examples:',
        `  ${parent} cost app.ecsd.json`,
        `  ${parent} cost app.ecsd.json --format json`,
      ].join('\n'),
    )
    .action(async (file: string, opts: CostOptions) => {
      const table = opts.prices === undefined ? SHIPPED_PRICE_TABLE : await readPriceTable(ctx, opts.prices);
      const parsed = parseInputText(await ctx.readText(file));
      if (!parsed.ok) {
        ctx.err(formatFindingLine({ ...parsed.finding, file }));
        ctx.fail(EXIT.findings);
        return;
      }
      if (detectInputKind(parsed.value) === 'taskDefinition') {
        throw new CliError(`${file} is a task definition, not a design file; create a design from it with "ecs-designer import ${file} -o <design>.ecsd.json"`, EXIT.findings);
      }
      const loaded = parseDesignValue(parsed.value);
      if (!loaded.ok) {
        for (const e of loaded.errors) ctx.err(formatFindingLine({ rule: 'design/invalid-file', severity: 'error', message: e.message, path: e.path, file }));
        ctx.err(`error: ${file} is not a valid design file`);
        ctx.fail(EXIT.findings);
        return;
      }
      const estimate = estimateDesign(loaded.design, table);
      if (opts.format === 'json') {
        ctx.out(JSON.stringify({ design: loaded.design.name, estimate }, null, 2));
        return;
      }
      for (const line of costReportText(loaded.design.name, estimate)) ctx.out(line);
    });
}

async function readPriceTable(ctx: CliContext, file: string): Promise<PriceTable> {
  const json = parseJson(await ctx.readText(file));
  if (!json.ok) throw new CliError(`--prices ${file}: not valid JSON: ${json.message}`, EXIT.usage);
  const parsed = PriceTableSchema.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`--prices ${file}: /${(issue?.path ?? []).join('/')}: ${issue?.message ?? 'invalid price table'}`, EXIT.usage);
  }
  return parsed.data;
}
