import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PriceTableSchema, SHIPPED_PRICE_TABLE, type PriceTable, type RegionPrices } from '../../shared/pricing/priceTable';
import { writeFileAtomically } from '../files/designFiles';
import type { AwsTarget } from './clientConfig';

/**
 * Refreshes the price table from the AWS Price List API (GetProducts), only when the user asks for it.
 *
 * The Price List API is served from us-east-1 whatever region is priced; the client is built through
 * `awsClientConfig`, like every other AWS client. GetProducts answers `PriceList` as an array of JSON *strings*,
 * one product each: `{product:{productFamily, attributes:{usagetype, regionCode, instanceType, …}}, terms:{OnDemand:
 * {<offer>:{priceDimensions:{<rate>:{unit, beginRange, pricePerUnit:{USD:"0.0404800000"}}}}}}}`.
 *
 * Each figure of the table comes from the product whose usage type (region prefix removed) names it. A figure the
 * answer does not contain is kept from the shipped table and listed in `kept`, so nothing is silently invented.
 * The result is validated with the same schema as the shipped table and stored in the user data directory.
 */

/** Price List endpoint region (the API is offered in us-east-1, eu-central-1 and ap-south-1). */
export const PRICE_LIST_REGION = 'us-east-1';

export type ProductFilter = { readonly field: string; readonly value: string };
/** Every PriceList entry (a JSON string) of GetProducts for a service code and filters, all pages. */
export type ProductsFetcher = (serviceCode: string, filters: readonly ProductFilter[]) => Promise<string[]>;

const MAX_PAGES = 60;

/**
 * The fetcher over the real SDK client (a local emulator with `endpointUrl`). The client and the SDK are loaded by
 * the first fetch (a refresh of prices), not when the app starts.
 */
export function sdkProductsFetcher(target: Omit<AwsTarget, 'region'>): ProductsFetcher {
  const load = async () => {
    const [{ GetProductsCommand, PricingClient }, { awsClientConfig }] = await Promise.all([import('@aws-sdk/client-pricing'), import('./clientConfig')]);
    return { client: new PricingClient(awsClientConfig({ ...target, region: PRICE_LIST_REGION })), GetProductsCommand };
  };
  let loaded: ReturnType<typeof load> | undefined;
  return async (serviceCode, filters) => {
    const { client, GetProductsCommand } = await (loaded ??= load());
    const out: string[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = await client.send(
        new GetProductsCommand({
          ServiceCode: serviceCode,
          FormatVersion: 'aws_v1',
          MaxResults: 100,
          Filters: filters.map((f) => ({ Type: 'TERM_MATCH', Field: f.field, Value: f.value })),
          ...(token !== undefined ? { NextToken: token } : {}),
        }),
      );
      for (const item of r.PriceList ?? []) out.push(String(item));
      token = r.NextToken;
      if (token === undefined || token === '') return out;
    }
    throw new Error(`GetProducts for ${serviceCode} returned more than ${MAX_PAGES} pages; stopped`);
  };
}

// ── Parsing GetProducts answers ─────────────────────────────────────────────────────────────────────────────

const PriceDimensionSchema = z.object({
  unit: z.string(),
  beginRange: z.string().optional(),
  pricePerUnit: z.record(z.string(), z.string()),
});

const PriceListItemSchema = z.object({
  product: z.object({
    productFamily: z.string().optional(),
    attributes: z.record(z.string(), z.string()),
  }),
  terms: z.object({
    OnDemand: z.record(z.string(), z.object({ priceDimensions: z.record(z.string(), PriceDimensionSchema) })).optional(),
  }),
});

export type PricedProduct = {
  readonly family: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Usage type without its region prefix ("USE1-Fargate-GB-Hours" → "Fargate-GB-Hours"). */
  readonly usage: string;
  readonly unit: string;
  /** On-demand USD per unit (the first tier when the price is tiered). */
  readonly usd: number;
};

export class PriceListParseError extends Error {
  override name = 'PriceListParseError';
}

/** One PriceList entry → its on-demand USD price; undefined for products without an on-demand USD price. */
export function parsePriceListItem(text: string, where: string): PricedProduct | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PriceListParseError(`${where}: PriceList entry is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const parsed = PriceListItemSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PriceListParseError(`${where}: unexpected PriceList entry at /${(issue?.path ?? []).join('/')}: ${issue?.message ?? 'invalid'}`);
  }
  const { product, terms } = parsed.data;
  const dims = Object.values(terms.OnDemand ?? {}).flatMap((offer) => Object.values(offer.priceDimensions));
  const usdDims = dims.filter((d) => d.pricePerUnit['USD'] !== undefined);
  if (usdDims.length === 0) return undefined;
  const first = usdDims.find((d) => d.beginRange === undefined || Number(d.beginRange) === 0) ?? usdDims[0]!;
  const usd = Number(first.pricePerUnit['USD']);
  if (!Number.isFinite(usd) || usd < 0) throw new PriceListParseError(`${where}: price "${first.pricePerUnit['USD'] ?? ''}" is not a number`);
  const usageType = product.attributes['usagetype'] ?? '';
  return { family: product.productFamily ?? '', attributes: product.attributes, usage: usageType.replace(/^[A-Z]{2,4}\d?-/, ''), unit: first.unit, usd };
}

function parseAll(items: readonly string[], where: string): PricedProduct[] {
  return items.map((t, i) => parsePriceListItem(t, `${where} #${i}`)).filter((p): p is PricedProduct => p !== undefined && p.usd > 0);
}

// ── Building a region's prices ──────────────────────────────────────────────────────────────────────────────

type Kept = string[];

function pick(products: readonly PricedProduct[], test: (p: PricedProduct) => boolean): number | undefined {
  return products.find(test)?.usd;
}

/** Fargate figures of a region from AmazonECS products. */
export function fargateFrom(products: readonly PricedProduct[], base: RegionPrices['fargate'], region: string, kept: Kept): RegionPrices['fargate'] {
  const get = (usage: string, fallback: number, name: string) => {
    const v = pick(products, (p) => p.usage === usage);
    if (v === undefined) kept.push(`${region} ${name}`);
    return v ?? fallback;
  };
  return {
    linuxX86: { vcpuHour: get('Fargate-vCPU-Hours:perCPU', base.linuxX86.vcpuHour, 'Fargate Linux/x86 vCPU'), gbHour: get('Fargate-GB-Hours', base.linuxX86.gbHour, 'Fargate Linux/x86 GB') },
    linuxArm: { vcpuHour: get('Fargate-ARM-vCPU-Hours:perCPU', base.linuxArm.vcpuHour, 'Fargate Linux/ARM vCPU'), gbHour: get('Fargate-ARM-GB-Hours', base.linuxArm.gbHour, 'Fargate Linux/ARM GB') },
    windowsX86: {
      vcpuHour: get('Fargate-Windows-vCPU-Hours:perCPU', base.windowsX86.vcpuHour, 'Fargate Windows vCPU'),
      gbHour: get('Fargate-Windows-GB-Hours', base.windowsX86.gbHour, 'Fargate Windows GB'),
      licenseVcpuHour: get('Fargate-Windows-OS-Hours:perCPU', base.windowsX86.licenseVcpuHour, 'Fargate Windows OS license'),
    },
    ephemeralGbHour: get('Fargate-EphemeralStorage-GB-Hours', base.ephemeralGbHour, 'Fargate ephemeral storage'),
  };
}

/** Linux on-demand shared-tenancy price per instance type, from AmazonEC2 products. */
export function ec2From(products: readonly PricedProduct[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of products) {
    const a = p.attributes;
    const type = a['instanceType'];
    if (type === undefined || !/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(type)) continue;
    if (a['operatingSystem'] !== 'Linux' || a['tenancy'] !== 'Shared' || (a['preInstalledSw'] ?? 'NA') !== 'NA' || (a['capacitystatus'] ?? 'Used') !== 'Used') continue;
    if (!p.usage.startsWith('BoxUsage:')) continue;
    out[type] = p.usd;
  }
  return out;
}

export function elbFrom(products: readonly PricedProduct[], base: RegionPrices['elb'], region: string, kept: Kept): RegionPrices['elb'] {
  const get = (family: string, usage: RegExp, fallback: number, name: string) => {
    const v = pick(products, (p) => p.family === family && usage.test(p.usage));
    if (v === undefined) kept.push(`${region} ${name}`);
    return v ?? fallback;
  };
  return {
    albHour: get('Load Balancer-Application', /^LoadBalancerUsage$/, base.albHour, 'ALB hour'),
    albLcuHour: get('Load Balancer-Application', /^LCUUsage$/, base.albLcuHour, 'ALB LCU'),
    nlbHour: get('Load Balancer-Network', /^LoadBalancerUsage$/, base.nlbHour, 'NLB hour'),
    nlbNlcuHour: get('Load Balancer-Network', /^LCUUsage$/, base.nlbNlcuHour, 'NLB NLCU'),
  };
}

export function efsFrom(products: readonly PricedProduct[], fallback: number, region: string, kept: Kept): number {
  const v = pick(products, (p) => p.usage === 'TimedStorage-ByteHrs' && (p.attributes['storageClass'] ?? 'General Purpose') === 'General Purpose');
  if (v === undefined) kept.push(`${region} EFS Standard storage`);
  return v ?? fallback;
}

export function logsFrom(products: readonly PricedProduct[], fallback: number, region: string, kept: Kept): number {
  const v = pick(products, (p) => p.usage === 'DataProcessing-Bytes');
  if (v === undefined) kept.push(`${region} CloudWatch Logs ingestion`);
  return v ?? fallback;
}

export type RefreshResult = { readonly table: PriceTable; readonly kept: readonly string[] };

export type RefreshOptions = {
  readonly fetch: ProductsFetcher;
  /** Regions to refresh (default: the regions of the base table). */
  readonly regions?: readonly string[];
  /** Figures to keep for what the answer lacks (default: the shipped table). */
  readonly base?: PriceTable;
  readonly now?: Date;
};

/** Reads every figure of the table from the Price List API; validates the result with PriceTableSchema. */
export async function refreshPriceTable(opts: RefreshOptions): Promise<RefreshResult> {
  const base = opts.base ?? SHIPPED_PRICE_TABLE;
  const regions = opts.regions ?? Object.keys(base.regions);
  const kept: string[] = [];
  const fallbackRegion = base.regions['us-east-1'] ?? Object.values(base.regions)[0];
  if (!fallbackRegion) throw new Error('the base price table has no regions');
  const out: Record<string, RegionPrices> = {};
  for (const region of regions) {
    const b = base.regions[region] ?? fallbackRegion;
    const byRegion = [{ field: 'regionCode', value: region }];
    const ecs = parseAll(await opts.fetch('AmazonECS', byRegion), `AmazonECS ${region}`);
    const ec2Products = parseAll(
      await opts.fetch('AmazonEC2', [
        ...byRegion,
        { field: 'operatingSystem', value: 'Linux' },
        { field: 'tenancy', value: 'Shared' },
        { field: 'preInstalledSw', value: 'NA' },
        { field: 'capacitystatus', value: 'Used' },
      ]),
      `AmazonEC2 ${region}`,
    );
    const elb = parseAll(await opts.fetch('AWSELB', byRegion), `AWSELB ${region}`);
    const efs = parseAll(await opts.fetch('AmazonEFS', byRegion), `AmazonEFS ${region}`);
    const logs = parseAll(await opts.fetch('AmazonCloudWatch', [...byRegion, { field: 'productFamily', value: 'Data Payload' }]), `AmazonCloudWatch ${region}`);
    const ec2 = ec2From(ec2Products);
    if (Object.keys(ec2).length === 0) kept.push(`${region} EC2 instance prices`);
    out[region] = {
      fargate: fargateFrom(ecs, b.fargate, region, kept),
      ec2: Object.keys(ec2).length === 0 ? b.ec2 : ec2,
      elb: elbFrom(elb, b.elb, region, kept),
      efsStandardGbMonth: efsFrom(efs, b.efsStandardGbMonth, region, kept),
      logsIngestionGb: logsFrom(logs, b.logsIngestionGb, region, kept),
    };
  }
  // Fargate Spot prices are not part of the AmazonECS price list; the average discount stays as it was.
  kept.push('Fargate Spot average discount');
  const date = (opts.now ?? new Date()).toISOString().slice(0, 10);
  const parsed = PriceTableSchema.safeParse({
    asOf: date,
    source: `AWS Price List API (GetProducts, ${PRICE_LIST_REGION}), read ${date}${kept.length > 0 ? `; ${kept.length} figure(s) not in the answer kept from the previous table (keptFromPrevious)` : ''}`,
    ...(kept.length > 0 ? { keptFromPrevious: kept } : {}),
    currency: 'USD',
    fargateSpotDiscount: base.fargateSpotDiscount,
    regions: out,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PriceListParseError(`refreshed price table is invalid at /${(issue?.path ?? []).join('/')}: ${issue?.message ?? 'invalid'}`);
  }
  return { table: parsed.data, kept };
}

// ── Storage in the user data directory ─────────────────────────────────────────────────────────────────────

export function priceTableFile(userDataDir: string): string {
  return path.join(userDataDir, 'pricing', 'price-table.json');
}

/** The stored refreshed table, or null when there is none. A file that does not validate is an error naming it. */
export async function readStoredPriceTable(userDataDir: string): Promise<PriceTable | null> {
  const file = priceTableFile(userDataDir);
  let text: string;
  try {
    text = await nodeFs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PriceListParseError(`${file} is not valid JSON; delete it to use the shipped prices`);
  }
  const parsed = PriceTableSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PriceListParseError(`${file}: /${(issue?.path ?? []).join('/')}: ${issue?.message ?? 'invalid'}; delete it to use the shipped prices`);
  }
  return parsed.data;
}

export async function writeStoredPriceTable(userDataDir: string, table: PriceTable): Promise<void> {
  const file = priceTableFile(userDataDir);
  await nodeFs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomically(file, `${JSON.stringify(PriceTableSchema.parse(table), null, 2)}\n`);
}

/** What the IPC handlers need: read the stored table; refresh with a profile and store the result. */
export interface PricingService {
  stored(): Promise<PriceTable | null>;
  refresh(profile: string | undefined): Promise<RefreshResult>;
}

export function createPricingService(opts: { userDataDir: string; endpointUrl?: string; fetcherFor?: (profile: string | undefined) => ProductsFetcher }): PricingService {
  const fetcherFor =
    opts.fetcherFor ?? ((profile) => sdkProductsFetcher({ ...(profile !== undefined ? { profile } : {}), ...(opts.endpointUrl !== undefined ? { endpointUrl: opts.endpointUrl } : {}) }));
  return {
    stored: () => readStoredPriceTable(opts.userDataDir),
    refresh: async (profile) => {
      const result = await refreshPriceTable({ fetch: fetcherFor(profile) });
      await writeStoredPriceTable(opts.userDataDir, result.table);
      return result;
    },
  };
}
