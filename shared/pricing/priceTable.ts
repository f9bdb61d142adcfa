import { z } from 'zod';

/*
 * The price table the cost estimate reads: USD on-demand list prices per region.
 *
 * Where the shipped figures come from, and how sure we are of them (this machine has no internet; the figures were
 * checked against what the offline search corpus holds of AWS's public pricing pages and of articles quoting them):
 *
 *  - us-east-1 Fargate: Linux/x86 $0.04048 per vCPU-hour and $0.004445 per GB-hour; Linux/ARM $0.03238 and
 *    $0.00356; Windows/x86 $0.09148 per vCPU-hour and $0.01005 per GB-hour plus an OS license of $0.046 per
 *    vCPU-hour; ephemeral storage $0.000111 per GB-hour above the free 20 GB; Fargate Spot "up to a 70% discount".
 *    Sources: https://aws.amazon.com/fargate/pricing/ (page text: dimensions, Spot discount), with the figures as
 *    quoted by vantage.sh/blog/fargate-pricing (us-east-1, incl. the Windows rows) and
 *    cloudburn.io/blog/aws-fargate-pricing (rates "as of March 2026").
 *  - ELB (us-east-1): ALB $0.0225 per hour + $0.008 per LCU-hour, NLB $0.0225 per hour + $0.006 per NLCU-hour
 *    (awsnegotiations.com/elastic-load-balancer-cost, May 2026, quoting aws.amazon.com/elasticloadbalancing/pricing).
 *  - EFS Standard (us-east-1) $0.30 per GB-month (aws.amazon.com/efs/pricing; cloudburn.io, March 2026).
 *  - CloudWatch Logs ingestion (us-east-1, standard class) $0.50 per GB (aws.amazon.com/cloudwatch/pricing).
 *  - EC2 Linux on-demand (us-east-1, also us-east-2 and us-west-2): AWS's published figures as we know them;
 *    spot-checked offline: t3.medium $0.0416, t3.large $0.0832, c6i.2xlarge $0.34 (hacecuentas.com, "source: AWS EC2
 *    On-Demand Pricing", April 2026), m7g.large $0.0816 (factualminds.com, us-east-1, June 2026). The other sizes
 *    follow AWS's linear per-size pricing within a family; not each one confirmed.
 *  - Other regions: Fargate Linux, ELB, EFS and Logs figures are AWS's regional prices as we know them from the
 *    pricing pages (2024–2025); they were NOT confirmed against a source offline. Fargate Windows outside us-east-1
 *    is the region's Linux/x86 rate × the us-east-1 Windows/Linux ratio (0.09148 / 0.04048), a derivation, not a
 *    published figure. EC2 prices outside the three US regions are us-east-1 × a stated regional factor (an
 *    approximation, see EC2_REGION_FACTOR).
 *
 * So the table reflects AWS's public list prices as of early-to-mid 2026 for us-east-1 and an unconfirmed
 * 2024–2025 reading for the rest. "Refresh prices" in the Cost panel replaces it with figures read from the AWS
 * Price List API (main/aws/pricingRefresh.ts), validated with the same schema, stamped with the refresh date.
 */

const price = z.number().min(0).max(1000);

export const FargateRatesSchema = z.strictObject({
  vcpuHour: price.describe('USD per vCPU-hour'),
  gbHour: price.describe('USD per GB of memory per hour'),
});

export const RegionPricesSchema = z.strictObject({
  fargate: z.strictObject({
    linuxX86: FargateRatesSchema,
    linuxArm: FargateRatesSchema,
    windowsX86: FargateRatesSchema.extend({ licenseVcpuHour: price.describe('Windows OS license, USD per vCPU-hour') }),
    ephemeralGbHour: price.describe('Ephemeral storage above the free 20 GiB, USD per GB-hour'),
  }),
  ec2: z.record(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'an instance type such as t3.medium'), price).describe('Linux on-demand USD per instance-hour'),
  elb: z.strictObject({
    albHour: price,
    albLcuHour: price,
    nlbHour: price,
    nlbNlcuHour: price,
  }),
  efsStandardGbMonth: price,
  logsIngestionGb: price,
});

export const PriceTableSchema = z.strictObject({
  /** Day the figures were read from AWS's public price list (YYYY-MM-DD). */
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
  /** Where they come from: "shipped" table or a Price List API refresh. */
  source: z.string().min(1).max(2000),
  /** Figures a refresh did not find in the Price List API answer and kept from the previous table. */
  keptFromPrevious: z.array(z.string().max(200)).max(2000).optional(),
  currency: z.literal('USD'),
  /** Average Fargate Spot discount off the on-demand price (0.7 = 70% off). */
  fargateSpotDiscount: z.number().min(0).max(0.95),
  regions: z.record(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-central-1'), RegionPricesSchema).refine(
    (r) => Object.keys(r).length > 0,
    'at least one region',
  ),
});

export type FargateRates = z.output<typeof FargateRatesSchema>;
export type RegionPrices = z.output<typeof RegionPricesSchema>;
export type PriceTable = z.output<typeof PriceTableSchema>;

/** EC2 Linux on-demand, us-east-1 (same figures in us-east-2 and us-west-2), USD per hour. */
const EC2_US: Record<string, number> = {
  't3.nano': 0.0052,
  't3.micro': 0.0104,
  't3.small': 0.0208,
  't3.medium': 0.0416,
  't3.large': 0.0832,
  't3.xlarge': 0.1664,
  't3.2xlarge': 0.3328,
  't4g.nano': 0.0042,
  't4g.micro': 0.0084,
  't4g.small': 0.0168,
  't4g.medium': 0.0336,
  't4g.large': 0.0672,
  't4g.xlarge': 0.1344,
  't4g.2xlarge': 0.2688,
  'm5.large': 0.096,
  'm5.xlarge': 0.192,
  'm5.2xlarge': 0.384,
  'm5.4xlarge': 0.768,
  'm6i.large': 0.096,
  'm6i.xlarge': 0.192,
  'm6i.2xlarge': 0.384,
  'm6i.4xlarge': 0.768,
  'm6g.large': 0.077,
  'm6g.xlarge': 0.154,
  'm6g.2xlarge': 0.308,
  'm6g.4xlarge': 0.616,
  'm7g.large': 0.0816,
  'm7g.xlarge': 0.1632,
  'm7g.2xlarge': 0.3264,
  'm7g.4xlarge': 0.6528,
  'm7i.large': 0.1008,
  'm7i.xlarge': 0.2016,
  'm7i.2xlarge': 0.4032,
  'c5.large': 0.085,
  'c5.xlarge': 0.17,
  'c5.2xlarge': 0.34,
  'c6i.large': 0.085,
  'c6i.xlarge': 0.17,
  'c6i.2xlarge': 0.34,
  'c6i.4xlarge': 0.68,
  'c6g.large': 0.068,
  'c6g.xlarge': 0.136,
  'c6g.2xlarge': 0.272,
  'c7g.large': 0.0725,
  'c7g.xlarge': 0.145,
  'c7g.2xlarge': 0.29,
  'c7g.4xlarge': 0.58,
  'r5.large': 0.126,
  'r5.xlarge': 0.252,
  'r5.2xlarge': 0.504,
  'r6i.large': 0.126,
  'r6i.xlarge': 0.252,
  'r6i.2xlarge': 0.504,
  'r6g.large': 0.1008,
  'r6g.xlarge': 0.2016,
  'r6g.2xlarge': 0.4032,
  'r7g.large': 0.1071,
  'r7g.xlarge': 0.2142,
  'r7g.2xlarge': 0.4284,
};

/** Approximate EC2 price level of a region relative to us-east-1 (an approximation; refresh for exact figures). */
export const EC2_REGION_FACTOR: Readonly<Record<string, number>> = {
  'us-east-1': 1,
  'us-east-2': 1,
  'us-west-2': 1,
  'eu-west-1': 1.11,
  'eu-central-1': 1.19,
  'eu-west-2': 1.16,
  'ap-southeast-1': 1.25,
  'ap-southeast-2': 1.25,
  'ap-northeast-1': 1.3,
};

function ec2For(region: string): Record<string, number> {
  const f = EC2_REGION_FACTOR[region] ?? 1;
  return Object.fromEntries(Object.entries(EC2_US).map(([type, p]) => [type, Math.round(p * f * 10000) / 10000]));
}

/** us-east-1 Windows/x86 rates over Linux/x86 rates (0.09148 / 0.04048 per vCPU-hour, 0.01005 / 0.004445 per GB-hour). */
const WINDOWS_OVER_LINUX = { vcpu: 0.09148 / 0.04048, gb: 0.01005 / 0.004445 };

function fargate(x86: [number, number], arm: [number, number], ephemeralGbHour: number, windows?: [number, number]): RegionPrices['fargate'] {
  const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
  const win = windows ?? [round6(x86[0] * WINDOWS_OVER_LINUX.vcpu), round6(x86[1] * WINDOWS_OVER_LINUX.gb)];
  return {
    linuxX86: { vcpuHour: x86[0], gbHour: x86[1] },
    linuxArm: { vcpuHour: arm[0], gbHour: arm[1] },
    windowsX86: { vcpuHour: win[0], gbHour: win[1], licenseVcpuHour: 0.046 },
    ephemeralGbHour,
  };
}

function region(f: RegionPrices['fargate'], name: string, elb: [number, number, number], efs: number, logs: number): RegionPrices {
  return { fargate: f, ec2: ec2For(name), elb: { albHour: elb[0], albLcuHour: elb[1], nlbHour: elb[0], nlbNlcuHour: elb[2] }, efsStandardGbMonth: efs, logsIngestionGb: logs };
}

const US = fargate([0.04048, 0.004445], [0.03238, 0.00356], 0.000111, [0.09148, 0.01005]);
const EU_HIGHER = fargate([0.04656, 0.00511], [0.03725, 0.00409], 0.000122);

/** The table shipped with the app (see the header comment for sources and how sure each part is). */
export const SHIPPED_PRICE_TABLE: PriceTable = PriceTableSchema.parse({
  asOf: '2026-03-01',
  source:
    'Shipped table: us-east-1 figures from AWS public pricing pages (Fargate, ELB, EFS, CloudWatch) as quoted March–May 2026; other regions from AWS regional pricing as of 2024–2025, unconfirmed offline; EC2 outside US regions approximated by a regional factor.',
  currency: 'USD',
  fargateSpotDiscount: 0.7,
  regions: {
    'us-east-1': region(US, 'us-east-1', [0.0225, 0.008, 0.006], 0.3, 0.5),
    'us-east-2': region(US, 'us-east-2', [0.0225, 0.008, 0.006], 0.3, 0.5),
    'us-west-2': region(US, 'us-west-2', [0.0225, 0.008, 0.006], 0.3, 0.5),
    'eu-west-1': region(US, 'eu-west-1', [0.0252, 0.008, 0.006], 0.33, 0.57),
    'eu-central-1': region(EU_HIGHER, 'eu-central-1', [0.027, 0.0096, 0.0072], 0.36, 0.63),
    'eu-west-2': region(EU_HIGHER, 'eu-west-2', [0.02646, 0.0084, 0.0063], 0.33, 0.5985),
    'ap-southeast-1': region(fargate([0.05056, 0.00553], [0.04045, 0.00442], 0.000133), 'ap-southeast-1', [0.0252, 0.008, 0.006], 0.36, 0.7),
    'ap-southeast-2': region(fargate([0.04856, 0.00532], [0.03885, 0.00426], 0.000133), 'ap-southeast-2', [0.0252, 0.008, 0.006], 0.36, 0.57),
    'ap-northeast-1': region(fargate([0.05056, 0.00553], [0.04045, 0.00442], 0.000133), 'ap-northeast-1', [0.0243, 0.008, 0.006], 0.36, 0.76),
  },
});

/** Region used when a design names none. */
export const DEFAULT_PRICING_REGION = 'us-east-1';
