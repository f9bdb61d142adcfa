import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { estimateDesign } from '../../shared/pricing/estimate';
import { SHIPPED_PRICE_TABLE } from '../../shared/pricing/priceTable';
import { loadBalancedWebService } from '../../shared/patterns/patterns';
import { createHandlers, type DesignDialogs } from '../ipc/handlers';
import { createJsonFileStore } from '../settings/appStore';
import {
  createPricingService,
  parsePriceListItem,
  PriceListParseError,
  priceTableFile,
  readStoredPriceTable,
  refreshPriceTable,
  sdkProductsFetcher,
  type ProductFilter,
} from './pricingRefresh';

/*
 * GetProducts answers, in the shape the Price List API documents (aws_v1): PriceList is an array of JSON strings,
 * each {product:{productFamily, attributes, sku}, serviceCode, terms:{OnDemand:{<sku.offer>:{priceDimensions:
 * {<sku.offer.rate>:{unit, beginRange, endRange, pricePerUnit:{USD}}}}}}}. The usage type names follow AWS's price
 * list ("USE1-Fargate-vCPU-Hours:perCPU"); the figures here are made up (distinct from the shipped table) so a test
 * can tell a refreshed figure from a kept one. moto 5.2.1 does not implement the Pricing API, so these recorded-shape
 * samples (and a local HTTP server speaking the JSON 1.1 protocol to the real SDK client) stand in for it.
 */
function item(family: string, attributes: Record<string, string>, usd: string, unit = 'Hrs', tiers?: { begin: string; usd: string }[]): string {
  const dims: Record<string, unknown> = {};
  (tiers ?? [{ begin: '0', usd }]).forEach((t, i) => {
    dims[`SKU.JRTCKXETXF.${i}`] = { rateCode: `SKU.JRTCKXETXF.${i}`, description: 'sample', beginRange: t.begin, endRange: 'Inf', unit, pricePerUnit: { USD: t.usd }, appliesTo: [] };
  });
  return JSON.stringify({
    product: { productFamily: family, attributes, sku: 'SKU' },
    serviceCode: 'sample',
    terms: { OnDemand: { 'SKU.JRTCKXETXF': { offerTermCode: 'JRTCKXETXF', sku: 'SKU', effectiveDate: '2026-10-01T00:00:00Z', priceDimensions: dims, termAttributes: {} } } },
    version: '20261001000000',
    publicationDate: '2026-10-01T00:00:00Z',
  });
}

const USE1: Record<string, string[]> = {
  AmazonECS: [
    item('Compute', { usagetype: 'USE1-Fargate-vCPU-Hours:perCPU', regionCode: 'us-east-1' }, '0.0500000000'),
    item('Compute', { usagetype: 'USE1-Fargate-GB-Hours', regionCode: 'us-east-1' }, '0.0055000000'),
    item('Compute', { usagetype: 'USE1-Fargate-ARM-vCPU-Hours:perCPU', regionCode: 'us-east-1' }, '0.0400000000'),
    item('Compute', { usagetype: 'USE1-Fargate-ARM-GB-Hours', regionCode: 'us-east-1' }, '0.0044000000'),
    item('Compute', { usagetype: 'USE1-Fargate-Windows-vCPU-Hours:perCPU', regionCode: 'us-east-1' }, '0.0600000000'),
    item('Compute', { usagetype: 'USE1-Fargate-Windows-GB-Hours', regionCode: 'us-east-1' }, '0.0066000000'),
    item('Compute', { usagetype: 'USE1-Fargate-Windows-OS-Hours:perCPU', regionCode: 'us-east-1' }, '0.0500000000'),
    item('Storage', { usagetype: 'USE1-Fargate-EphemeralStorage-GB-Hours', regionCode: 'us-east-1' }, '0.0001200000'),
    // ECS Anywhere has a price too; it must not be mistaken for a Fargate figure.
    item('Compute', { usagetype: 'USE1-ECS-Anywhere-Instance-hours', regionCode: 'us-east-1' }, '0.0102500000'),
  ],
  AmazonEC2: [
    item('Compute Instance', { usagetype: 'BoxUsage:t3.medium', instanceType: 't3.medium', operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'Used', regionCode: 'us-east-1' }, '0.0500000000'),
    item('Compute Instance', { usagetype: 'BoxUsage:m7g.large', instanceType: 'm7g.large', operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'Used', regionCode: 'us-east-1' }, '0.0900000000'),
    // A reservation placeholder and a zero price are not on-demand instance prices.
    item('Compute Instance', { usagetype: 'Reservation:t3.medium', instanceType: 't3.medium', operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'UnusedCapacityReservation', regionCode: 'us-east-1' }, '0.0500000000'),
    item('Compute Instance', { usagetype: 'BoxUsage:c7g.large', instanceType: 'c7g.large', operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'Used', regionCode: 'us-east-1' }, '0.0000000000'),
  ],
  AWSELB: [
    item('Load Balancer-Application', { usagetype: 'USE1-LoadBalancerUsage', regionCode: 'us-east-1' }, '0.0300000000'),
    item('Load Balancer-Application', { usagetype: 'USE1-LCUUsage', regionCode: 'us-east-1' }, '0.0100000000', 'LCU-Hrs'),
    item('Load Balancer-Network', { usagetype: 'USE1-LoadBalancerUsage', regionCode: 'us-east-1' }, '0.0310000000'),
    item('Load Balancer-Network', { usagetype: 'USE1-LCUUsage', regionCode: 'us-east-1' }, '0.0070000000', 'LCU-Hrs'),
  ],
  AmazonEFS: [
    item('Storage', { usagetype: 'USE1-TimedStorage-ByteHrs', storageClass: 'General Purpose', regionCode: 'us-east-1' }, '0.3300000000', 'GB-Mo'),
    item('Storage', { usagetype: 'USE1-IATimedStorage-ByteHrs', storageClass: 'Infrequent Access', regionCode: 'us-east-1' }, '0.0250000000', 'GB-Mo'),
  ],
  AmazonCloudWatch: [
    // Tiered: the first tier is the one a design's volume falls in.
    item('Data Payload', { usagetype: 'USE1-DataProcessing-Bytes', regionCode: 'us-east-1' }, '', 'GB', [
      { begin: '0', usd: '0.5500000000' },
      { begin: '10240', usd: '0.2500000000' },
    ]),
  ],
};

function fakeFetch(answers: Record<string, Record<string, string[]>>, calls: { service: string; filters: readonly ProductFilter[] }[] = []) {
  return async (service: string, filters: readonly ProductFilter[]) => {
    calls.push({ service, filters });
    const region = filters.find((f) => f.field === 'regionCode')?.value ?? '';
    return answers[region]?.[service] ?? [];
  };
}

describe('parsePriceListItem', () => {
  it('reads the on-demand USD price and the usage type without its region prefix', () => {
    expect(parsePriceListItem(USE1['AmazonECS']![0]!, 'x')).toEqual({
      family: 'Compute',
      attributes: { usagetype: 'USE1-Fargate-vCPU-Hours:perCPU', regionCode: 'us-east-1' },
      usage: 'Fargate-vCPU-Hours:perCPU',
      unit: 'Hrs',
      usd: 0.05,
    });
  });

  it('takes the first tier of a tiered price', () => {
    expect(parsePriceListItem(USE1['AmazonCloudWatch']![0]!, 'x')?.usd).toBe(0.55);
  });

  it('says where and what when an entry is not what the API documents', () => {
    expect(() => parsePriceListItem('{"product": 3}', 'AmazonECS us-east-1 #4')).toThrow(PriceListParseError);
    expect(() => parsePriceListItem('{"product": 3}', 'AmazonECS us-east-1 #4')).toThrow(/^AmazonECS us-east-1 #4: unexpected PriceList entry at \/product: /);
    expect(() => parsePriceListItem('not json', 'AWSELB eu-west-1 #0')).toThrow(/^AWSELB eu-west-1 #0: PriceList entry is not JSON/);
    const bad = item('Compute', { usagetype: 'USE1-Fargate-GB-Hours' }, 'abc');
    expect(() => parsePriceListItem(bad, 'y')).toThrow(/price "abc" is not a number/);
  });
});

describe('refreshPriceTable', () => {
  it('builds a valid table from the answers, and lists every figure it had to keep', async () => {
    const calls: { service: string; filters: readonly ProductFilter[] }[] = [];
    const r = await refreshPriceTable({ fetch: fakeFetch({ 'us-east-1': USE1 }, calls), regions: ['us-east-1', 'eu-west-1'], now: new Date('2026-11-28T03:00:00Z') });
    const us = r.table.regions['us-east-1']!;
    expect(us.fargate).toEqual({
      linuxX86: { vcpuHour: 0.05, gbHour: 0.0055 },
      linuxArm: { vcpuHour: 0.04, gbHour: 0.0044 },
      windowsX86: { vcpuHour: 0.06, gbHour: 0.0066, licenseVcpuHour: 0.05 },
      ephemeralGbHour: 0.00012,
    });
    expect(us.ec2).toEqual({ 't3.medium': 0.05, 'm7g.large': 0.09 });
    expect(us.elb).toEqual({ albHour: 0.03, albLcuHour: 0.01, nlbHour: 0.031, nlbNlcuHour: 0.007 });
    expect(us.efsStandardGbMonth).toBe(0.33);
    expect(us.logsIngestionGb).toBe(0.55);
    expect(r.table.asOf).toBe('2026-11-28');
    // eu-west-1 answered nothing: every figure kept from the shipped table, and said so.
    expect(r.table.regions['eu-west-1']).toEqual(SHIPPED_PRICE_TABLE.regions['eu-west-1']);
    expect(r.kept).toContain('eu-west-1 Fargate Linux/x86 vCPU');
    expect(r.kept).toContain('eu-west-1 EC2 instance prices');
    expect(r.kept.filter((k) => k.startsWith('us-east-1'))).toEqual([]);
    expect(r.kept).toContain('Fargate Spot average discount');
    expect(r.table.source).toBe(`AWS Price List API (GetProducts, us-east-1), read 2026-11-28; ${r.kept.length} figure(s) not in the answer kept from the previous table (keptFromPrevious)`);
    expect(r.table.keptFromPrevious).toEqual(r.kept);
    expect(calls.find((c) => c.service === 'AmazonEC2')?.filters).toEqual([
      { field: 'regionCode', value: 'us-east-1' },
      { field: 'operatingSystem', value: 'Linux' },
      { field: 'tenancy', value: 'Shared' },
      { field: 'preInstalledSw', value: 'NA' },
      { field: 'capacitystatus', value: 'Used' },
    ]);
  });

  it('gives an estimate from the refreshed figures', async () => {
    const r = await refreshPriceTable({ fetch: fakeFetch({ 'us-east-1': USE1 }), regions: ['us-east-1'] });
    const e = estimateDesign(loadBalancedWebService({ settings: { region: 'us-east-1' } }), r.table);
    // 2 tasks × (0.5 vCPU × 0.05 + 1 GB × 0.0055) × 730 + ALB 0.03 × 730 + 1 LCU × 0.01 × 730 + 5 GB × 0.55
    expect(e.total.monthly).toBeCloseTo(2 * (0.5 * 0.05 + 0.0055) * 730 + 0.03 * 730 + 0.01 * 730 + 5 * 0.55, 8);
  });
});

describe('the SDK client against a local Price List endpoint', () => {
  let server: http.Server;
  let endpoint: string;
  const requests: { target: string | undefined; body: Record<string, unknown> }[] = [];

  beforeEach(async () => {
    requests.length = 0;
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const parsed = JSON.parse(body) as { ServiceCode: string; NextToken?: string; Filters: { Field: string; Value: string }[] };
        requests.push({ target: req.headers['x-amz-target'] as string | undefined, body: parsed });
        const region = parsed.Filters.find((f) => f.Field === 'regionCode')?.Value;
        const all = region === 'us-east-1' ? (USE1[parsed.ServiceCode] ?? []) : [];
        // Two pages for AmazonECS, to prove the fetcher follows NextToken.
        const page = parsed.ServiceCode === 'AmazonECS' && parsed.NextToken === undefined ? all.slice(0, 4) : parsed.ServiceCode === 'AmazonECS' ? all.slice(4) : all;
        const next = parsed.ServiceCode === 'AmazonECS' && parsed.NextToken === undefined ? { NextToken: 'page-2' } : {};
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ FormatVersion: 'aws_v1', PriceList: page, ...next }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('calls GetProducts through awsClientConfig, follows pages, and stores the validated table in the user data dir', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecsd-pricing-'));
    try {
      const credentials = async () => ({ accessKeyId: 'testing', secretAccessKey: 'testing' });
      const service = createPricingService({ userDataDir: dir, fetcherFor: () => sdkProductsFetcher({ endpointUrl: endpoint, credentials, maxAttempts: 1 }) });
      expect(await service.stored()).toBeNull();
      const r = await service.refresh(undefined);
      expect(r.table.regions['us-east-1']!.fargate.windowsX86.licenseVcpuHour).toBe(0.05);
      expect(requests[0]?.target).toBe('AWSPriceListService.GetProducts');
      expect(requests[0]?.body).toMatchObject({ ServiceCode: 'AmazonECS', FormatVersion: 'aws_v1', MaxResults: 100, Filters: [{ Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' }] });
      expect(requests.filter((q) => q.body['ServiceCode'] === 'AmazonECS' && q.body['NextToken'] === 'page-2').length).toBeGreaterThan(0);
      const stored = await readStoredPriceTable(dir);
      expect(stored).toEqual(r.table);
      expect(JSON.parse(await readFile(priceTableFile(dir), 'utf8'))).toEqual(r.table);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the pricing IPC channels', () => {
  const never = async () => {
    throw new Error('no dialog in this test');
  };
  const handlers = (dir: string, pricing?: ReturnType<typeof createPricingService>) =>
    createHandlers({
      appInfo: { name: 'ECS Designer', version: '0.1.0', platform: 'linux', versions: { electron: null, chrome: null, node: process.versions.node } },
      store: createJsonFileStore(path.join(dir, 'user-data')),
      dialogs: { showOpenDesign: never, showSaveDesign: never, showSaveDiagram: never, showOpenImport: never, showChooseExportFolder: never } as DesignDialogs,
      openExternal: async () => undefined,
      ...(pricing ? { pricing } : {}),
    });

  it('answers the stored table (none yet → null), refreshes on request, then answers the stored one', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecsd-pricing-'));
    try {
      const profiles: (string | undefined)[] = [];
      const pricing = createPricingService({
        userDataDir: dir,
        fetcherFor: (profile) => {
          profiles.push(profile);
          return fakeFetch({ 'us-east-1': USE1 });
        },
      });
      const table = handlers(dir, pricing);
      expect(await table['pricing:stored-table']({})).toEqual({ ok: true, value: null });
      const refreshed = await table['pricing:refresh']({ profile: 'dev' });
      expect(refreshed.ok).toBe(true);
      expect(profiles).toEqual(['dev']);
      const stored = await table['pricing:stored-table']({});
      expect(stored.ok && stored.value?.regions['us-east-1']?.fargate.linuxX86.vcpuHour).toBe(0.05);
      const bad = await table['pricing:refresh']({ profile: 'no spaces allowed' });
      expect(bad.ok === false && bad.error.code).toBe('BAD_REQUEST');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('without a pricing service: no stored table, and a refresh says it is not available', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecsd-pricing-'));
    try {
      const table = handlers(dir);
      expect(await table['pricing:stored-table']({})).toEqual({ ok: true, value: null });
      expect(await table['pricing:refresh']({})).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Price refresh is not available in this window.' } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('readStoredPriceTable', () => {
  it('names the file and the field of a stored table that does not validate', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecsd-pricing-'));
    try {
      await mkdir(path.dirname(priceTableFile(dir)), { recursive: true });
      await writeFile(priceTableFile(dir), JSON.stringify({ ...SHIPPED_PRICE_TABLE, fargateSpotDiscount: 2 }));
      await expect(readStoredPriceTable(dir)).rejects.toThrow(`${priceTableFile(dir)}: /fargateSpotDiscount: `);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
