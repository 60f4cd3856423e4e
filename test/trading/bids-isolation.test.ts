import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';
import {
  aPublishedSection,
  aSealedBid,
  auth,
  type BidSection,
  complete,
  countRows,
  putChunk,
  sha256,
  submitBid,
  uploadAllChunks,
} from './support/bid-factory.ts';

type User = { token: string; organisationId: string };

describe.each(DIALECTS)('bid isolation E3/E4 (%s)', (dialect) => {
  let svc: TestService;
  let section: BidSection;
  let bidder: User;
  let other: User;
  let agency: User;
  let operator: User;
  let otherTenderer: User;
  let bidId: string;
  let bidSize: number;
  let uploadId: string;

  beforeEach(async () => {
    svc = await startTestService('trading', dialect);
    agency = await svc.userWithRoles(['agency']);
    section = await aPublishedSection(svc, { agencyOrganisationId: agency.organisationId });
    bidder = await svc.userWithRoles(['bidder']);
    other = await svc.userWithRoles(['bidder']);
    operator = await svc.userWithRoles(['platform_operator']);
    otherTenderer = await svc.userWithRoles(['tenderer']);
    const envelope = await aSealedBid(svc, section, bidder, randomBytes(3000));
    bidSize = envelope.byteLength;
    bidId = (await submitBid(svc, bidder.token, section.sectionId, envelope)).json().receipt.bidId;
    uploadId = await uploadAllChunks(svc, bidder.token, section.sectionId, randomBytes(1200));
  });
  afterEach(async () => svc.close());

  const get = (url: string, user: User) => svc.app.inject({ method: 'GET', url, headers: auth(user.token) });
  const s = () => `/api/sections/${section.sectionId}`;
  const deadlinePassed = () => svc.clock.set(section.deadline);

  it("another bidder cannot see, extend, complete or withdraw a bidder's upload or bid", async () => {
    expect((await get(`${s()}/uploads`, other)).json()).toMatchObject({ total: 0, items: [] });
    expect((await get(`${s()}/bids`, other)).json()).toMatchObject({ total: 0, items: [] });
    const missing = await get(`${s()}/uploads/00000000-0000-4000-8000-000000000000`, other);
    const foreign = await get(`${s()}/uploads/${uploadId}`, other);
    expect(foreign.statusCode).toBe(404);
    expect(errorOf(foreign).message).toBe(errorOf(missing).message);
    const chunk = await putChunk(svc, other.token, section.sectionId, uploadId, 0, randomBytes(1024));
    expect(chunk.statusCode).toBe(404);
    expect((await complete(svc, other.token, section.sectionId, uploadId)).statusCode).toBe(404);
    const withdraw = await svc.app.inject({
      method: 'POST',
      url: `${s()}/bids/withdraw`,
      headers: auth(other.token),
    });
    expect(withdraw.statusCode).toBe(404);
    expect((await get(`${s()}/bids`, bidder)).json().items[0]).toMatchObject({
      id: bidId,
      status: 'current',
    });
    const receipt = await get(`/api/bids/${bidId}/receipt`, other);
    const noSuch = await get(`/api/bids/00000000-0000-4000-8000-000000000000/receipt`, other);
    expect(receipt.statusCode).toBe(404);
    expect(errorOf(receipt).message).toBe(errorOf(noSuch).message);
  });

  it('the tenderer, the agency and the operator can use no bidder route, before or after the deadline', async () => {
    for (const phase of ['before', 'after'] as const) {
      if (phase === 'after') deadlinePassed();
      for (const user of [section.tenderer, agency, operator]) {
        for (const url of [
          `${s()}/uploads`,
          `${s()}/uploads/${uploadId}`,
          `${s()}/bids`,
          `/api/bids/${bidId}/receipt`,
        ]) {
          const res = await get(url, user);
          expect(res.statusCode, `${phase} GET ${url}`).toBe(403);
        }
        const opened = await svc.app.inject({
          method: 'POST',
          url: `${s()}/uploads`,
          headers: auth(user.token),
          payload: { totalSize: 10, fileSha256: sha256('x'), chunkSize: 1000 },
        });
        expect(opened.statusCode).toBe(403);
        expect(
          (await putChunk(svc, user.token, section.sectionId, uploadId, 0, randomBytes(1000))).statusCode,
        ).toBe(403);
        expect((await complete(svc, user.token, section.sectionId, uploadId)).statusCode).toBe(403);
        const withdraw = await svc.app.inject({
          method: 'POST',
          url: `${s()}/bids/withdraw`,
          headers: auth(user.token),
        });
        expect(withdraw.statusCode).toBe(403);
      }
    }
    expect(await countRows(svc, 'bid')).toBe(1);
  });

  it('before the deadline nobody can list or count bids: the refusal is the same with or without bids', async () => {
    const url = `/api/projects/${section.projectId}/bids`;
    const empty = await aPublishedSection(svc, { tenderer: section.tenderer, deadline: section.deadline });
    for (const user of [section.tenderer, agency]) {
      const withBids = await get(url, user);
      expect(withBids.statusCode).toBe(422);
      expect(errorOf(withBids).details?.[0]).toMatchObject({
        path: 'E4',
        params: { earliest: section.deadline },
      });
      const withoutBids = await get(`/api/projects/${empty.projectId}/bids`, user);
      if (user === section.tenderer) {
        expect(withoutBids.statusCode).toBe(422);
        expect(errorOf(withoutBids).message).toBe(errorOf(withBids).message);
      }
    }
    for (const user of [operator, otherTenderer, bidder]) {
      expect((await get(url, user)).statusCode).toBe(403);
    }
    // Nor through the audit trail: the bid events are sealed until the deadline.
    const audit = await get('/api/audit-events?pageSize=200', operator);
    expect(audit.statusCode).toBe(200);
    const events = audit.json().items as { action: string; objectType: string; objectId: string }[];
    expect(events.filter((e) => e.action.startsWith('bid.') || e.objectType.startsWith('bid'))).toEqual([]);
    expect(audit.body).not.toContain(bidId);
    expect(audit.body).not.toContain(uploadId);
  });

  it('after the deadline the tenderer and agency list bids (names, hashes, sizes, times) but not contents', async () => {
    deadlinePassed();
    for (const user of [section.tenderer, agency]) {
      const res = await get(`/api/projects/${section.projectId}/bids?status=current`, user);
      expect(res.statusCode).toBe(200);
      const page = res.json();
      expect(page.total).toBe(1);
      expect(Object.keys(page.items[0]).sort()).toEqual(
        [
          'bidderName',
          'bidderOrganisationId',
          'fileSha256',
          'fileSize',
          'id',
          'sectionCode',
          'sectionId',
          'status',
          'submittedAt',
        ].sort(),
      );
      expect(page.items[0]).toMatchObject({
        id: bidId,
        bidderOrganisationId: bidder.organisationId,
        fileSize: bidSize,
      });
    }
    for (const user of [operator, otherTenderer, bidder]) {
      expect((await get(`/api/projects/${section.projectId}/bids`, user)).statusCode).toBe(403);
    }
    const audit = await get('/api/audit-events?pageSize=200', operator);
    const actions = (audit.json().items as { action: string }[]).map((e) => e.action);
    expect(actions).toContain('bid.submitted');
  });

  it('the bid listing pages and filters', async () => {
    const second = await svc.userWithRoles(['bidder']);
    await submitBid(svc, second.token, section.sectionId);
    deadlinePassed();
    const page1 = await get(`/api/projects/${section.projectId}/bids?pageSize=1`, section.tenderer);
    expect(page1.json()).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(page1.json().items).toHaveLength(1);
    const filtered = await get(`/api/projects/${section.projectId}/bids?sectionId=nothing`, section.tenderer);
    expect(filtered.json().total).toBe(0);
    const bad = await get(`/api/projects/${section.projectId}/bids?status=opened`, section.tenderer);
    expect(bad.statusCode).toBe(400);
  });

  it('anonymous callers get 401 everywhere', async () => {
    for (const url of [
      `${s()}/uploads`,
      `${s()}/bids`,
      `/api/bids/${bidId}/receipt`,
      `/api/projects/${section.projectId}/bids`,
    ]) {
      expect((await svc.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
  });
});
