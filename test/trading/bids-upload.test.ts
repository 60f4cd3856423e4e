import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BidUploadFiles } from '../../src/trading/bids/chunk-files.ts';
import { tradingDb } from '../../src/trading/schema.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';
import {
  aPublishedSection,
  aSealedBid,
  auth,
  type BidSection,
  complete,
  countRows,
  openUpload,
  putChunk,
  sha256,
  storedChunks,
  uploadAllChunks,
} from './support/bid-factory.ts';

describe.each(DIALECTS)('bid upload (%s)', (dialect) => {
  let svc: TestService;
  let section: BidSection;
  let bidder: { token: string; organisationId: string };

  beforeEach(async () => {
    svc = await startTestService('trading', dialect);
    section = await aPublishedSection(svc);
    bidder = await svc.userWithRoles(['bidder']);
  });
  afterEach(async () => svc.close());

  it('uploads in chunks, completes into a bid and returns a receipt retrievable later', async () => {
    // An envelope of a 2,500-byte bid is a few KB (its header carries two certificates): 3 chunks.
    const file = await aSealedBid(svc, section, bidder, randomBytes(2500));
    const chunkSize = Math.ceil(file.byteLength / 3);
    const uploadId = await uploadAllChunks(svc, bidder.token, section.sectionId, file, chunkSize);
    const state = await svc.app.inject({
      method: 'GET',
      url: `/api/sections/${section.sectionId}/uploads/${uploadId}`,
      headers: auth(bidder.token),
    });
    expect(state.json()).toMatchObject({
      chunkCount: 3,
      storedChunks: [0, 1, 2],
      missingChunks: [],
      status: 'open',
    });

    const res = await complete(svc, bidder.token, section.sectionId, uploadId);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.receipt).toMatchObject({
      sectionId: section.sectionId,
      sectionCode: section.sectionCode,
      bidderOrganisationId: bidder.organisationId,
      fileSha256: sha256(file),
      fileSize: file.byteLength,
      receivedAt: svc.clock.now().toISOString(),
      replacesBidId: null,
    });
    expect(sha256(body.canonical)).toBe(body.sha256);
    expect(JSON.parse(body.canonical)).toEqual(body.receipt);
    // The file is in the blob store, as uploaded.
    expect(await svc.deps.blobs.has(sha256(file))).toBe(true);

    const again = await svc.app.inject({
      method: 'GET',
      url: `/api/bids/${body.receipt.bidId}/receipt`,
      headers: auth(bidder.token),
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(body);

    const after = await svc.app.inject({
      method: 'GET',
      url: `/api/sections/${section.sectionId}/uploads/${uploadId}`,
      headers: auth(bidder.token),
    });
    expect(after.json()).toMatchObject({ status: 'completed', bidId: body.receipt.bidId });
  });

  it('refuses a chunk whose SHA-256 does not match and stores nothing', async () => {
    const file = randomBytes(2000);
    const opened = await openUpload(svc, bidder.token, section.sectionId, file, 1000);
    const uploadId = opened.json().id;
    const audits = await countRows(svc, 'auditEvent');
    const res = await putChunk(
      svc,
      bidder.token,
      section.sectionId,
      uploadId,
      0,
      file.subarray(0, 1000),
      sha256('other'),
    );
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('BLOB_HASH_MISMATCH');
    expect(errorOf(res).message).toContain(sha256('other'));
    expect(await storedChunks(svc, bidder.token, section.sectionId, uploadId)).toEqual([]);
    expect(await countRows(svc, 'auditEvent')).toBe(audits);
  });

  it('refuses a chunk of the wrong length, a bad index, a missing hash header and a non-octet-stream body', async () => {
    const file = randomBytes(2000);
    const uploadId = (await openUpload(svc, bidder.token, section.sectionId, file, 1000)).json().id;
    const short = await putChunk(svc, bidder.token, section.sectionId, uploadId, 0, file.subarray(0, 999));
    expect(short.statusCode).toBe(400);
    expect(errorOf(short).code).toBe('VALIDATION_FAILED');
    const index = await putChunk(svc, bidder.token, section.sectionId, uploadId, 2, file.subarray(0, 1000));
    expect(index.statusCode).toBe(400);
    expect(errorOf(index).details?.[0]?.path).toBe('params.index');
    const noHash = await svc.app.inject({
      method: 'PUT',
      url: `/api/sections/${section.sectionId}/uploads/${uploadId}/chunks/0`,
      headers: { ...auth(bidder.token), 'content-type': 'application/octet-stream' },
      payload: file.subarray(0, 1000),
    });
    expect(noHash.statusCode).toBe(400);
    const json = await svc.app.inject({
      method: 'PUT',
      url: `/api/sections/${section.sectionId}/uploads/${uploadId}/chunks/0`,
      headers: { ...auth(bidder.token), 'x-chunk-sha256': sha256('x') },
      payload: { not: 'a chunk' },
    });
    expect(json.statusCode).toBe(400);
    expect(await storedChunks(svc, bidder.token, section.sectionId, uploadId)).toEqual([]);
  });

  it('refuses an upload larger than config.uploads.maxBytes', async () => {
    const res = await svc.app.inject({
      method: 'POST',
      url: `/api/sections/${section.sectionId}/uploads`,
      headers: auth(bidder.token),
      payload: {
        totalSize: svc.deps.config.uploads.maxBytes + 1,
        fileSha256: sha256('x'),
        chunkSize: 8 << 20,
      },
    });
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).code).toBe('PAYLOAD_TOO_LARGE');
    expect(await countRows(svc, 'bidUpload')).toBe(0);
  });

  it('resumes after a missing chunk: the state lists it, complete refuses until it is sent', async () => {
    const file = await aSealedBid(svc, section, bidder, randomBytes(3000));
    const size = Math.ceil(file.byteLength / 3);
    const uploadId = (await openUpload(svc, bidder.token, section.sectionId, file, size)).json().id;
    await putChunk(svc, bidder.token, section.sectionId, uploadId, 0, file.subarray(0, size));
    await putChunk(svc, bidder.token, section.sectionId, uploadId, 2, file.subarray(2 * size));
    const state = await svc.app.inject({
      method: 'GET',
      url: `/api/sections/${section.sectionId}/uploads/${uploadId}`,
      headers: auth(bidder.token),
    });
    expect(state.json()).toMatchObject({ storedChunks: [0, 2], missingChunks: [1] });
    const early = await complete(svc, bidder.token, section.sectionId, uploadId);
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).code).toBe('INVALID_STATE');
    expect(await countRows(svc, 'bid')).toBe(0);

    // The connection broke; the client finds its upload again and sends what is missing.
    const list = await svc.app.inject({
      method: 'GET',
      url: `/api/sections/${section.sectionId}/uploads?status=open`,
      headers: auth(bidder.token),
    });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: uploadId, missingChunks: [1] }] });
    await putChunk(svc, bidder.token, section.sectionId, uploadId, 1, file.subarray(size, 2 * size));
    const done = await complete(svc, bidder.token, section.sectionId, uploadId);
    expect(done.statusCode).toBe(201);
    expect(done.json().receipt.fileSha256).toBe(sha256(file));
  });

  it('recovers when a power loss took the unsynced upload file and acknowledgement log: the chunks are sent again', async () => {
    const file = await aSealedBid(svc, section, bidder);
    const size = Math.ceil(file.byteLength / 2);
    const uploadId = (await openUpload(svc, bidder.token, section.sectionId, file, size)).json().id;
    await putChunk(svc, bidder.token, section.sectionId, uploadId, 0, file.subarray(0, size));
    // Neither the empty file made at open nor the acknowledgement log is fsynced; lose both.
    const files = BidUploadFiles.forConfig(svc.deps.config);
    await rm(files.pathOf(uploadId));
    await rm(files.pathOf(uploadId).replace(/\.upload$/, '.acks'));
    expect(await storedChunks(svc, bidder.token, section.sectionId, uploadId)).toEqual([]);

    for (const index of [1, 0]) {
      const res = await putChunk(
        svc,
        bidder.token,
        section.sectionId,
        uploadId,
        index,
        file.subarray(index * size, (index + 1) * size),
      );
      expect(res.statusCode).toBe(200);
    }
    const done = await complete(svc, bidder.token, section.sectionId, uploadId);
    expect(done.statusCode).toBe(201);
    expect(done.json().receipt.fileSha256).toBe(sha256(file));
  });

  it('refuses a completion whose whole-file hash does not match, and records nothing', async () => {
    const file = await aSealedBid(svc, section, bidder);
    const size = Math.ceil(file.byteLength / 2);
    const opened = await openUpload(svc, bidder.token, section.sectionId, file, size, sha256('another file'));
    const uploadId = opened.json().id;
    await putChunk(svc, bidder.token, section.sectionId, uploadId, 0, file.subarray(0, size));
    await putChunk(svc, bidder.token, section.sectionId, uploadId, 1, file.subarray(size));
    const audits = await countRows(svc, 'auditEvent');
    const res = await complete(svc, bidder.token, section.sectionId, uploadId);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('BLOB_HASH_MISMATCH');
    expect(await countRows(svc, 'bid')).toBe(0);
    expect(await countRows(svc, 'bidReceipt')).toBe(0);
    expect(await countRows(svc, 'auditEvent')).toBe(audits);
    expect(await svc.deps.blobs.has(sha256(file))).toBe(false);
  });

  it('issues the receipt only after commit: a completion refused inside the transaction leaves no bid and no receipt', async () => {
    const file = await aSealedBid(svc, section, bidder);
    const uploadId = await uploadAllChunks(svc, bidder.token, section.sectionId, file, 4096);
    // The clock passes the deadline between the pre-checks and the recording transaction's last
    // look: the transaction rolls back, nothing is recorded, no receipt exists.
    svc.clock.set(new Date(new Date(section.deadline).getTime() - 5).toISOString());
    const base = svc.clock.now.bind(svc.clock);
    let calls = 0;
    svc.clock.now = () => {
      calls++;
      return calls > 3 ? new Date(section.deadline) : base();
    };
    const res = await complete(svc, bidder.token, section.sectionId, uploadId);
    svc.clock.now = base;
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).details?.[0]?.path).toBe('E2');
    expect(await countRows(svc, 'bid')).toBe(0);
    expect(await countRows(svc, 'bidReceipt')).toBe(0);
    const upload = await tradingDb(svc.store.db)
      .selectFrom('bidUpload')
      .select(['status', 'bidId'])
      .where('id', '=', uploadId)
      .executeTakeFirstOrThrow();
    expect(upload).toEqual({ status: 'open', bidId: null });
  });
});

describe.each(DIALECTS)('bid upload, resends and bad input (%s)', (dialect) => {
  let svc: TestService;
  let section: BidSection;
  let bidder: { token: string; organisationId: string };

  beforeEach(async () => {
    svc = await startTestService('trading', dialect);
    section = await aPublishedSection(svc);
    bidder = await svc.userWithRoles(['bidder']);
  });
  afterEach(async () => svc.close());

  it('acknowledges a resent chunk again, and refuses different bytes for a stored chunk', async () => {
    const file = await aSealedBid(svc, section, bidder);
    const size = Math.ceil(file.byteLength / 2);
    const uploadId = (await openUpload(svc, bidder.token, section.sectionId, file, size)).json().id;
    const first = await putChunk(svc, bidder.token, section.sectionId, uploadId, 0, file.subarray(0, size));
    const again = await putChunk(svc, bidder.token, section.sectionId, uploadId, 0, file.subarray(0, size));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const other = await putChunk(svc, bidder.token, section.sectionId, uploadId, 0, randomBytes(size));
    expect(other.statusCode).toBe(409);
    expect(errorOf(other).code).toBe('INVALID_STATE');
    await putChunk(svc, bidder.token, section.sectionId, uploadId, 1, file.subarray(size));
    const done = await complete(svc, bidder.token, section.sectionId, uploadId);
    expect(done.json().receipt.fileSha256).toBe(sha256(file));
  });

  it('refuses a malformed upload or completion with a field-level 400 and changes nothing', async () => {
    const audits = await countRows(svc, 'auditEvent');
    const badHash = await svc.app.inject({
      method: 'POST',
      url: `/api/sections/${section.sectionId}/uploads`,
      headers: auth(bidder.token),
      payload: { totalSize: 10, fileSha256: 'abc', chunkSize: 1000 },
    });
    expect(badHash.statusCode).toBe(400);
    expect(errorOf(badHash).details?.map((d) => d.path)).toContain('body.fileSha256');
    const uploadId = await uploadAllChunks(
      svc,
      bidder.token,
      section.sectionId,
      await aSealedBid(svc, section, bidder, randomBytes(100)),
    );
    const afterUpload = await countRows(svc, 'auditEvent');
    expect(afterUpload).toBe(audits + 1);
    const badBond = await complete(svc, bidder.token, section.sectionId, uploadId, {
      amount: 10_000.001,
      payerAccount: '',
      paidAt: 'yesterday',
    });
    expect(badBond.statusCode).toBe(400);
    expect(
      errorOf(badBond)
        .details?.map((d) => d.path)
        .sort(),
    ).toEqual(['body.bidBond.amount', 'body.bidBond.paidAt', 'body.bidBond.payerAccount']);
    const unknown = await openUpload(
      svc,
      bidder.token,
      '00000000-0000-4000-8000-000000000000',
      randomBytes(10),
      1000,
    );
    expect(unknown.statusCode).toBe(404);
    expect(await countRows(svc, 'auditEvent')).toBe(afterUpload);
    expect(await countRows(svc, 'bid')).toBe(0);
  });
});
