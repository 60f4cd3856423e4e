import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordTestOpeningKey } from '../support/sealed-bids.ts';
import {
  eventually,
  NETWORK_CODES,
  startExchangeNetwork,
  type ExchangeNetwork,
} from '../support/exchange-network.ts';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('a tender travels trading → city hub → supervision and province hub', () => {
  let net: ExchangeNetwork;
  beforeAll(async () => {
    net = await startExchangeNetwork('sqlite');
    await net.approveAll();
  }, 60_000);
  afterAll(async () => net?.close());

  it('publishes the announcement at both hubs and forwards every record', async () => {
    const tenderer = await net.trading.userWithRoles(['tenderer']);
    const created = await net.trading.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: auth(tenderer.token),
      payload: {
        name: '西湖区文三路综合管廊改造工程',
        procedure: 'open',
        qualification: 'post',
        mustTender: true,
        stateFunded: true,
        region: '330106',
        industry: 'construction',
        sections: [
          {
            name: '施工一标段',
            estimatedPrice: 12_500_000,
            controlPrice: 13_000_000,
            bidBond: 200_000,
            bidValidityDays: 90,
            evaluationMethod: 'comprehensive',
            criteria: [
              { name: '技术', weight: 60 },
              { name: '价格', weight: 40 },
            ],
          },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const start = new Date('2026-03-03T01:00:00.000Z');
    const day = 86_400_000;
    const saved = await net.trading.app.inject({
      method: 'PUT',
      url: `/api/projects/${id}/announcement`,
      headers: auth(tenderer.token),
      payload: {
        title: '西湖区文三路综合管廊改造工程施工招标公告',
        body: '招标条件：本项目已批准建设。项目概况：综合管廊改造。',
        documentIssueStart: start.toISOString(),
        documentIssueEnd: new Date(start.getTime() + 5 * day).toISOString(),
        bidDeadline: new Date(start.getTime() + 20 * day).toISOString(),
        openingAt: new Date(start.getTime() + 20 * day).toISOString(),
        objectionContact: '张工 0571-12345678',
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await recordTestOpeningKey(net.trading, tenderer.token, id);
    const published = await net.trading.app.inject({
      method: 'POST',
      url: `/api/projects/${id}/publish`,
      headers: auth(tenderer.token),
    });
    expect(published.statusCode, published.body).toBe(200);

    for (const hub of [net.cityHub, net.provinceHub]) {
      const hit = await eventually<{ items: { title: string }[] }>(async () => {
        const r = await hub.app.inject({
          method: 'GET',
          url: `/api/public/notices?q=${encodeURIComponent('综合管廊')}`,
        });
        return r.json().total > 0 ? r.json() : null;
      });
      expect(hit.items[0]!.title).toContain('综合管廊');
    }
    const supervisor = await net.supervision.userWithRoles(['supervisor']);
    const inbox = await eventually(async () => {
      const r = await net.supervision.app.inject({
        method: 'GET',
        url: '/api/exchange/inbox?pageSize=50',
        headers: auth(supervisor.token),
      });
      const items = r.json().items as { dataSetCode: string; platformCode: string }[];
      return items.some((i) => i.dataSetCode === '503') ? items : null;
    });
    expect(new Set(inbox.map((i) => i.platformCode))).toEqual(new Set([NETWORK_CODES.cityHub]));
    expect(inbox.map((i) => i.dataSetCode).sort()).toEqual(['501', '502', '503']);
  }, 60_000);
});
