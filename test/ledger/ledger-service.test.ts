/**
 * The ledger as a service keeps it: every audited change a leaf in commit order, signed tree heads
 * on demand, inclusion and consistency proofs over the API that the shared verification code
 * accepts, and bid receipts that carry their leaf, a head and the proof.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeSuite } from '../../src/crypto/node/node-suites.ts';
import { hexToBytes } from '../../src/crypto/portable/bytes.ts';
import { checkBidReceipt } from '../../src/ledger/bid-receipt-check.ts';
import { checkConsistency, checkLeafInTree, checkTreeHeadSignature } from '../../src/ledger/leaf-evidence.ts';
import { nodeLedgerHash } from '../../src/ledger/ledger-hash-node.ts';
import { verifyInclusion } from '../../src/ledger/merkle-proofs.ts';
import type { SignedTreeHead } from '../../src/ledger/tree-head.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';
import { aPublishedSection, submitBid } from '../trading/support/bid-factory.ts';

const tools = {
  sha256: (bytes: Uint8Array) => createHash('sha256').update(bytes).digest(),
  ledgerHash: nodeLedgerHash,
  suite: nodeSuite,
};

describe.each(DIALECTS)('the ledger of a service on %s', (dialect) => {
  let svc: TestService;
  let operator: { token: string };
  const get = async (url: string) => svc.app.inject({ url });

  beforeAll(async () => {
    svc = await startTestService('trading', dialect);
    operator = await svc.userWithRoles(['platform_operator']);
  });
  afterAll(async () => svc?.close());

  async function signHead(): Promise<SignedTreeHead> {
    const res = await svc.app.inject({
      method: 'POST',
      url: '/api/ledger/tree-heads',
      headers: { authorization: `Bearer ${operator.token}` },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  it('gives every audit event the next leaf, with no gaps, in the order they were written', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => svc.userWithRoles(['bidder'], `ledger${dialect}${i}`)),
    );
    const rows = await svc.store.db
      .selectFrom('auditEvent')
      .select(['seq', 'leafIndex'])
      .orderBy('leafIndex')
      .execute();
    expect(rows.map((r) => Number(r.leafIndex))).toEqual(rows.map((_, i) => i));
    const info = (await get('/api/ledger')).json();
    expect(info).toMatchObject({ platform: 'trading', hashAlgorithm: 'sm3', treeSize: rows.length });
  });

  it('signs a head on demand, once per size, verifiable under the published key', async () => {
    const head = await signHead();
    expect(head).toMatchObject({ platform: 'trading', hashAlgorithm: 'sm3', signatureAlgorithm: 'sm2-sm3' });
    // The tree has not grown: the same head comes back rather than a new one.
    expect((await signHead()).seq).toBe(head.seq);
    const info = (await get('/api/ledger')).json();
    expect(info.latestTreeHead).toEqual(head);
    const [key] = info.keys;
    const checks = await checkTreeHeadSignature(nodeSuite('gm'), head, key.publicKeyPem);
    expect(checks.every((c) => c.ok)).toBe(true);
    const forged = { ...head, treeSize: head.treeSize + 1 };
    expect((await checkTreeHeadSignature(nodeSuite('gm'), forged, key.publicKeyPem))[1]!.ok).toBe(false);
    expect((await get('/api/ledger/tree-heads/latest')).json()).toEqual(head);
    const page = (await get('/api/ledger/tree-heads?page=1&pageSize=10')).json();
    expect(page.items[0]).toEqual(head);
  });

  it('lets a burst of receipts share one new head', async () => {
    const before = (await svc.deps.ledger.latestTreeHead())?.seq ?? 0;
    for (let i = 0; i < 5; i += 1) await svc.userWithRoles(['bidder']);
    const size = await svc.deps.ledger.treeSize();
    const heads = await Promise.all(
      Array.from({ length: 10 }, (_, i) => svc.deps.ledger.treeHeadCovering(size - 1 - (i % 5))),
    );
    expect(new Set(heads.map((h) => h.seq))).toEqual(new Set([before + 1]));
    expect(heads[0]!.treeSize).toBe(size);
  });

  it('answers inclusion proofs for every leaf and consistency proofs between heads', async () => {
    const first = await signHead();
    await svc.userWithRoles(['bidder']);
    await svc.userWithRoles(['bidder']);
    const second = await signHead();
    expect(second.treeSize).toBeGreaterThan(first.treeSize);
    const hash = nodeLedgerHash('sm3');
    for (let index = 0; index < second.treeSize; index += 1) {
      const res = (
        await get(`/api/ledger/proofs/inclusion?index=${index}&treeSize=${second.treeSize}`)
      ).json();
      expect(res.treeHead).toEqual(second);
      const ok = verifyInclusion(hash, {
        index,
        size: second.treeSize,
        leafHash: hexToBytes(res.leafHash),
        path: res.path.map(hexToBytes),
        root: hexToBytes(second.rootHash),
      });
      expect(ok, `leaf ${index}`).toBe(true);
    }
    const proof = (
      await get(`/api/ledger/proofs/consistency?first=${first.treeSize}&second=${second.treeSize}`)
    ).json();
    expect(checkConsistency(hash, first, second, proof.path).ok).toBe(true);
    expect(checkConsistency(hash, { ...first, rootHash: second.rootHash }, second, proof.path).ok).toBe(
      false,
    );
  });

  it('refuses proofs outside the tree with a stable code', async () => {
    const size = (await get('/api/ledger')).json().treeSize;
    const beyond = await get(`/api/ledger/proofs/inclusion?index=${size}&treeSize=${size}`);
    expect(beyond.statusCode).toBe(422);
    expect(errorOf(beyond).code).toBe('LEDGER_RANGE');
    const future = await get(`/api/ledger/proofs/consistency?first=1&second=${size + 5}`);
    expect(errorOf(future).code).toBe('LEDGER_RANGE');
    expect((await get('/api/ledger/proofs/inclusion?index=-1')).statusCode).toBe(400);
    expect((await get('/api/ledger/leaves/999999')).statusCode).toBe(404);
  });

  it("shows a leaf's event to the operator only", async () => {
    const leaf = (await get('/api/ledger/leaves/0')).json();
    expect(leaf.entry).toBeNull();
    const asOperator = await svc.app.inject({
      url: '/api/ledger/leaves/0',
      headers: { authorization: `Bearer ${operator.token}` },
    });
    const entry = JSON.parse(asOperator.json().entry);
    expect(entry).toMatchObject({ action: expect.any(String), objectType: expect.any(String) });
    expect(
      checkLeafInTree(nodeLedgerHash('sm3'), {
        leafIndex: 0,
        entry: asOperator.json().entry,
        treeHead: { ...(await signHead()) },
        path: (await get('/api/ledger/proofs/inclusion?index=0')).json().path,
      }).ok,
    ).toBe(true);
  });

  it('hands a bidder a receipt with its leaf, a signed head and the proof, all of which check', async () => {
    const section = await aPublishedSection(svc);
    const bidder = await svc.userWithRoles(['bidder']);
    const res = await submitBid(svc, bidder.token, section.sectionId);
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json();
    const published = (await get('/api/ledger')).json().keys.at(-1).publicKeyPem;
    const receiptKey = (await get('/api/platform/keys')).json().receiptSigning.publicKeyPem;
    const checks = await checkBidReceipt(receipt, {
      ...tools,
      receiptKeyPem: receiptKey,
      ledgerKeyPem: published,
    });
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(JSON.parse(receipt.ledger.entry)).toMatchObject({
      action: 'bid.submitted',
      objectId: receipt.receipt.bidId,
    });

    // Fetched later, the receipt names the same leaf under the same, earliest head holding it.
    await svc.userWithRoles(['bidder']);
    await signHead();
    const again = await svc.app.inject({
      url: `/api/bids/${receipt.receipt.bidId}/receipt`,
      headers: { authorization: `Bearer ${bidder.token}` },
    });
    expect(again.json().ledger).toEqual(receipt.ledger);

    const tampered = async (edit: (r: typeof receipt) => unknown) =>
      (await checkBidReceipt(edit(structuredClone(receipt)) as typeof receipt, tools))
        .filter((c) => !c.ok)
        .map((c) => c.check);
    expect(
      await tampered((r) => ({ ...r, ledger: { ...r.ledger, leafIndex: r.ledger.leafIndex + 1 } })),
    ).toEqual(['leaf-in-tree']);
    expect(
      await tampered((r) => ({
        ...r,
        ledger: { ...r.ledger, entry: r.ledger.entry.replace('bid.submitted', 'bid.withdrawn') },
      })),
    ).toEqual(['leaf-entry', 'leaf-in-tree']);
    expect(
      await tampered((r) => ({
        ...r,
        ledger: { ...r.ledger, treeHead: { ...r.ledger.treeHead, timestamp: '2020-01-01T00:00:00.000Z' } },
      })),
    ).toEqual(['tree-head-signature']);
  });
});

describe('the ledger of the hub and the supervision platform', () => {
  it.each(['hub', 'supervision'] as const)(
    '%s keeps its own ledger with signed heads under its own key',
    async (platform) => {
      const svc = await startTestService(platform, 'sqlite');
      try {
        await svc.userWithRoles([platform === 'hub' ? 'hub_operator' : 'supervisor']);
        const head = await svc.deps.ledger.signTreeHead();
        expect(head).toMatchObject({ platform, treeSize: expect.any(Number) });
        const info = (await svc.app.inject({ url: '/api/ledger' })).json();
        expect(info).toMatchObject({ platform, hashAlgorithm: 'sm3', latestTreeHead: head });
        const checks = await checkTreeHeadSignature(nodeSuite('gm'), head!, info.keys[0].publicKeyPem);
        expect(checks.every((c) => c.ok)).toBe(true);
      } finally {
        await svc.close();
      }
    },
  );
});

describe('a SHA-256 ledger', () => {
  it('signs heads with ECDSA P-256, hands out receipts that check, and keeps its hash', async () => {
    const svc = await startTestService('trading', 'sqlite', {
      config: { ledger: { hash: 'sha256', treeHeadIntervalMs: 0 } },
    });
    try {
      const section = await aPublishedSection(svc);
      const bidder = await svc.userWithRoles(['bidder']);
      const receipt = (await submitBid(svc, bidder.token, section.sectionId)).json();
      expect(receipt.ledger.treeHead).toMatchObject({
        hashAlgorithm: 'sha256',
        signatureAlgorithm: 'ecdsa-p256-sha256',
      });
      const checks = await checkBidReceipt(receipt, tools);
      expect(checks.filter((c) => !c.ok)).toEqual([]);
      const { LedgerService } = await import('../../src/server/ledger-service.ts');
      const sm3 = new LedgerService({
        platform: 'trading',
        config: { ...svc.deps.config, ledger: { hash: 'sm3', treeHeadIntervalMs: 0 } },
        clock: svc.clock,
        db: svc.store.db,
      });
      await expect(sm3.open()).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        params: { problems: expect.stringContaining('made with sha256') },
      });
    } finally {
      await svc.close();
    }
  });
});

describe('tree heads at an interval', () => {
  // Timers run late on a busy machine.
  const POLL = { timeout: 15_000, interval: 50 };

  it('signs a new head while the tree grows, and none while it does not', async () => {
    const svc = await startTestService('trading', 'sqlite', {
      config: { ledger: { hash: 'sm3', treeHeadIntervalMs: 50 } },
    });
    try {
      await svc.userWithRoles(['bidder']);
      const size = await svc.deps.ledger.treeSize();
      await expect.poll(async () => (await svc.deps.ledger.latestTreeHead())?.treeSize, POLL).toBe(size);
      const { seq } = (await svc.deps.ledger.latestTreeHead())!;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await svc.deps.ledger.latestTreeHead())!.seq).toBe(seq);
      // Three events (organisation, user, log-in): the heads may catch them one or more at a time.
      await svc.userWithRoles(['bidder']);
      const grown = await svc.deps.ledger.treeSize();
      await expect.poll(async () => (await svc.deps.ledger.latestTreeHead())?.treeSize, POLL).toBe(grown);
      expect((await svc.deps.ledger.latestTreeHead())!.seq).toBeGreaterThan(seq);
    } finally {
      await svc.close();
    }
  });
});
