import type { ExchangeConfig } from '../../server/config.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import type { Trx } from '../../store/schema.ts';
import { dataSetSchema } from '../../exchange/data-sets.ts';
import type { ExchangeMessage } from '../../exchange/message.ts';
import { exchangeDb } from '../../exchange/transport/exchange-tables.ts';
import { registerExchangeRoutes } from '../../exchange/transport/exchange-routes.ts';
import type { ExchangeEndpoint } from '../../exchange/transport/exchange-endpoint.ts';
import type { AppliedMessage } from '../../exchange/transport/inbox.ts';
import type { OutgoingInput } from '../../exchange/transport/outgoing.ts';
import type { ExchangeRecord } from '../../exchange/validate-record.ts';
import { indexNotices } from '../notices/index-notices.ts';
import type { NewNotice } from '../notices/notice-repository.ts';
import { noticeFromMessage, noticeTypeOf, tenderFactsOf, type TenderFacts } from './notice-from-record.ts';

/** Other work a hub does with applied messages (entity registration, …), in the same transaction. */
export type HubApplyHook = (trx: Trx, applied: readonly AppliedMessage[], now: Date) => Promise<void>;

/**
 * The hub's inbox: every applied message is published when it is a notice, passed to the other
 * hub functions, and staged, unchanged, for each supervision platform whose regions and sectors it
 * falls in and for the hub above — all in the transaction that applies it.
 */
export function registerHubExchange(
  app: ZodApp,
  deps: ServiceDeps,
  extraHooks: readonly HubApplyHook[] = [],
): ExchangeEndpoint | null {
  const config = deps.config.services.hub.exchange;
  if (!config) return null;
  const endpoint = registerExchangeRoutes(app, deps, {
    kind: 'hub',
    receives: true,
    hooks: {
      onApplied: async (trx, applied, now) => {
        const facts = await tenderFacts(trx, applied);
        await publishNotices(trx, config.regionCode, applied, facts, now);
        for (const hook of extraHooks) await hook(trx, applied, now);
        await endpoint!.stage(trx, forwards(config, applied, facts), now);
      },
    },
  });
  return endpoint;
}

/** The facts of each tender a batch touches, from the project and section records applied so far. */
export async function tenderFacts(
  trx: Trx,
  applied: readonly AppliedMessage[],
): Promise<Map<string, TenderFacts>> {
  const keys = [...new Set(applied.map((a) => a.message.orderKey))];
  const records = new Map<string, { dataSetCode: string; record: ExchangeRecord }[]>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await exchangeDb(trx)
      .selectFrom('exchangeInbox')
      .select(['orderKey', 'dataSetCode', 'message'])
      .where('orderKey', 'in', keys.slice(i, i + 500))
      .where('dataSetCode', 'in', ['501', '502'])
      .orderBy('feedSeq')
      .execute();
    for (const row of rows) {
      const list = records.get(row.orderKey) ?? [];
      list.push({
        dataSetCode: row.dataSetCode,
        record: (JSON.parse(row.message) as ExchangeMessage).record,
      });
      records.set(row.orderKey, list);
    }
  }
  return new Map(keys.map((key) => [key, tenderFactsOf(records.get(key) ?? [])]));
}

/** Publishes the notices among applied messages (region of the hub for a tender that names none). */
export async function publishNotices(
  trx: Trx,
  hubRegionCode: string,
  applied: readonly AppliedMessage[],
  facts: ReadonlyMap<string, TenderFacts>,
  now: Date,
): Promise<void> {
  const notices: NewNotice[] = [];
  for (const { message } of applied) {
    if (!noticeTypeOf(message.dataSetCode)) continue;
    const notice = noticeFromMessage(message, facts.get(message.orderKey)!, hubRegionCode, now.toISOString());
    if (notice) notices.push(notice);
  }
  if (notices.length) await indexNotices(trx, notices);
}

/** Where each applied message goes next: matching supervision platforms, then the hub above. */
function forwards(
  config: ExchangeConfig,
  applied: readonly AppliedMessage[],
  facts: ReadonlyMap<string, TenderFacts>,
): OutgoingInput[] {
  const out: OutgoingInput[] = [];
  for (const { message, feedSeq } of applied) {
    const fact = facts.get(message.orderKey);
    const region =
      (message.record.REGION_CODE as string | undefined) ?? fact?.regionCode ?? config.regionCode;
    const sector = fact?.industryCode ?? null;
    const base = {
      dataSetCode: message.dataSetCode,
      record: message.record,
      source: `inbox:${feedSeq}`,
      dataKey: message.dataKey,
    };
    for (const target of config.forwardTo) {
      const regionOk =
        target.regions.length === 0 || target.regions.some((prefix) => region.startsWith(prefix));
      const sectorOk =
        target.sectors.length === 0 || (sector !== null && target.sectors.some((s) => sector.startsWith(s)));
      // Records outside any tender (entities, experts) go to every supervision platform.
      const tenderless = dataSetSchema(message.dataSetCode)?.scope === 'none';
      if (tenderless || (regionOk && sectorOk)) out.push({ ...base, target });
    }
    if (config.upstream) out.push({ ...base, target: config.upstream });
  }
  return out;
}
