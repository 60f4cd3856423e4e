import { canonicalJson } from '../../../src/domain/canonical-json.ts';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { SuiteId } from '../../../src/crypto/portable/suite.ts';
import { tradingDb } from '../../../src/trading/schema.ts';
import {
  anOpeningKey,
  bidderCredentials,
  sealBid,
  type TestOpeningKey,
  trustTestCas,
} from '../../support/sealed-bids.ts';
import type { TestService } from '../../support/services.ts';

/** What a comprehensive-evaluation section states: weights summing to 100, the price one of them. */
const TEST_CRITERIA = canonicalJson([
  { name: '技术', weight: 40 },
  { name: '商务', weight: 20 },
  { name: '投标报价', weight: 40 },
]);

/**
 * Test data for bid submission, inserted directly with Kysely: a published project with one
 * section and an announcement whose bid deadline is `deadline`. (The project use cases are built
 * in parallel; this factory stands in for them.)
 */
export interface BidSection {
  readonly projectId: string;
  readonly dealCode: string;
  readonly sectionId: string;
  readonly sectionCode: string;
  readonly deadline: string;
  readonly tenderer: { token: string; organisationId: string };
  readonly suite: SuiteId;
  readonly openingKey: TestOpeningKey;
}

/** What a bid envelope is sealed for: the tender, its section and its opening key. */
export type SealingTarget = Pick<
  BidSection,
  'projectId' | 'dealCode' | 'sectionId' | 'sectionCode' | 'suite' | 'openingKey'
>;

const openingKeys = new Map<string, Promise<TestOpeningKey>>();

/** One opening key per suite and test file: generating SM2 keys is not free. */
function sharedOpeningKey(suite: SuiteId): Promise<TestOpeningKey> {
  let key = openingKeys.get(suite);
  if (!key) openingKeys.set(suite, (key = anOpeningKey(suite)));
  return key;
}

/** The default bid deadline: two hours after the clock's now (sessions last 12 hours). */
export const DEADLINE_AFTER_MS = 2 * 3_600_000;
let serial = 0;

export async function aPublishedSection(
  svc: TestService,
  options: {
    deadline?: string;
    bidBondYuan?: number;
    estimatedPriceYuan?: number;
    status?: string;
    pausedAt?: string | null;
    agencyOrganisationId?: string | null;
    tenderer?: { token: string; organisationId: string };
    suite?: SuiteId;
    openingKey?: TestOpeningKey;
    openingKeyRemedy?: boolean;
    decryptionWindowMinutes?: number;
  } = {},
): Promise<BidSection> {
  const suite = options.suite ?? 'gm';
  const openingKey = options.openingKey ?? (await sharedOpeningKey(suite));
  await trustTestCas(svc.deps.config);
  const n = ++serial;
  const tenderer = options.tenderer ?? (await svc.userWithRoles(['tenderer'], `tenderer${n}x${randomTag()}`));
  const db = tradingDb(svc.store.db);
  const now = svc.clock.now().toISOString();
  const deadline = options.deadline ?? new Date(svc.clock.now().getTime() + DEADLINE_AFTER_MS).toISOString();
  const projectId = randomUUID();
  const sectionId = randomUUID();
  const entrustmentId = options.agencyOrganisationId ? randomUUID() : null;
  if (options.agencyOrganisationId) {
    await db
      .insertInto('entrustment')
      .values({
        id: entrustmentId!,
        tendererOrganisationId: tenderer.organisationId,
        agencyOrganisationId: options.agencyOrganisationId,
        scope: 'all',
        validUntil: null,
        createdAt: now,
        revokedAt: null,
      })
      .execute();
  }
  const dealCode = `E3501000000${String(n).padStart(4, '0')}${randomTag()}`;
  const sectionCode = `${dealCode}001`;
  await db
    .insertInto('tenderProject')
    .values({
      id: projectId,
      dealCode,
      name: `测试项目 ${n}`,
      tendererOrganisationId: tenderer.organisationId,
      agencyOrganisationId: options.agencyOrganisationId ?? null,
      entrustmentId,
      procedure: 'open',
      qualification: 'post',
      mustTender: 1,
      stateFunded: 1,
      region: '350100',
      industry: null,
      cipherSuite: suite,
      openingKeyRemedy: options.openingKeyRemedy === false ? 0 : 1,
      decryptionWindowMinutes: options.decryptionWindowMinutes ?? 60,
      status: options.status ?? 'published',
      pausedAt: options.pausedAt ?? null,
      publishedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await db
    .insertInto('tenderSection')
    .values({
      id: sectionId,
      projectId,
      code: sectionCode,
      name: '第一标段',
      estimatedPriceFen: Math.round((options.estimatedPriceYuan ?? 1_000_000) * 100),
      controlPriceFen: null,
      referencePriceFen: null,
      bidBondFen: Math.round((options.bidBondYuan ?? 10_000) * 100),
      bidValidityDays: 90,
      evaluationMethod: 'comprehensive',
      criteria: TEST_CRITERIA,
      createdAt: now,
    })
    .execute();
  await db
    .insertInto('announcement')
    .values({
      id: randomUUID(),
      projectId,
      kind: 'tender',
      title: `测试项目 ${n} 招标公告`,
      body: '公告正文',
      documentIssueStart: now,
      documentIssueEnd: new Date(new Date(deadline).getTime() - 10 * 86_400_000).toISOString(),
      bidDeadline: deadline,
      openingAt: deadline,
      prequalificationDeadline: null,
      objectionContact: '0591-00000000',
      invitedOrganisationIds: '[]',
      publishedAt: now,
      createdAt: now,
    })
    .execute();
  await db
    .insertInto('openingKey')
    .values({
      projectId,
      suite,
      publicKeyPem: openingKey.input.publicKeyPem,
      keyId: openingKey.input.keyId,
      threshold: openingKey.input.threshold,
      createdAt: now,
      createdByUserId: null,
      reassembledAt: null,
    })
    .execute();
  await db
    .insertInto('openingKeyShare')
    .values(
      openingKey.input.shares.map((share) => ({
        projectId,
        ...share,
        submittedShare: null,
        submittedAt: null,
        submittedByUserId: null,
      })),
    )
    .execute();
  return { projectId, dealCode, sectionId, sectionCode, deadline, tenderer, suite, openingKey };
}

/**
 * `plaintext` sealed as the bidder's envelope for the section (what the platform accepts), with
 * certificates from the trusted test CA. `section` may be overridden to seal for the wrong one.
 */
export async function aSealedBid(
  svc: TestService,
  section: SealingTarget,
  bidder: { organisationId: string },
  plaintext: Uint8Array = randomBytes(2000),
  options: { segmentSize?: number; suite?: SuiteId; openingPublicKeyPem?: string } = {},
): Promise<Buffer> {
  const org = await tradingDb(svc.store.db)
    .selectFrom('organisation')
    .select(['id', 'creditCode', 'name'])
    .where('id', '=', bidder.organisationId)
    .executeTakeFirstOrThrow();
  const suite = options.suite ?? section.suite;
  return sealBid({
    suite,
    projectId: section.projectId,
    dealCode: section.dealCode,
    sectionId: section.sectionId,
    sectionCode: section.sectionCode,
    bidder: await bidderCredentials(suite, {
      organisationId: org.id,
      creditCode: org.creditCode,
      name: org.name,
    }),
    openingPublicKeyPem: options.openingPublicKeyPem ?? section.openingKey.input.publicKeyPem,
    plaintext,
    createdAt: svc.clock.now().toISOString(),
    ...(options.segmentSize ? { segmentSize: options.segmentSize } : {}),
  });
}

/**
 * `plaintext` sealed by the organisation behind `token` for the section `sectionId`, with the
 * section's recorded opening key: what a bidder's tool uploads, for tests that know only the ids.
 */
export async function aSealedBidFor(
  svc: TestService,
  token: string,
  sectionId: string,
  plaintext: Uint8Array = randomBytes(2000),
): Promise<Buffer> {
  const me = await svc.app.inject({ url: '/api/auth/me', headers: auth(token) });
  const organisationId = (me.json() as { user: { organisation: { id: string } } }).user.organisation.id;
  const target = await tradingDb(svc.store.db)
    .selectFrom('tenderSection')
    .innerJoin('tenderProject', 'tenderProject.id', 'tenderSection.projectId')
    .innerJoin('openingKey', 'openingKey.projectId', 'tenderProject.id')
    .select([
      'tenderProject.id as projectId',
      'tenderProject.dealCode',
      'tenderSection.code as sectionCode',
      'openingKey.suite',
      'openingKey.publicKeyPem',
    ])
    .where('tenderSection.id', '=', sectionId)
    .executeTakeFirstOrThrow();
  return aSealedBid(
    svc,
    {
      projectId: target.projectId,
      dealCode: target.dealCode,
      sectionId,
      sectionCode: target.sectionCode,
      suite: target.suite as SuiteId,
      openingKey: { input: { publicKeyPem: target.publicKeyPem } } as TestOpeningKey,
    },
    { organisationId },
    plaintext,
  );
}

function randomTag(): string {
  return randomBytes(3).toString('hex');
}

/** Records a C9 relation: both organisations headed by the same person, or `a` controlling `b`. */
export async function relate(
  svc: TestService,
  kind: 'head' | 'controls',
  a: string,
  b: string,
): Promise<void> {
  const db = tradingDb(svc.store.db);
  const now = svc.clock.now().toISOString();
  if (kind === 'head') {
    const personIdHash = randomBytes(32).toString('hex');
    for (const organisationId of [a, b]) {
      await db
        .insertInto('organisationRelation')
        .values({
          id: randomUUID(),
          organisationId,
          kind: 'head',
          personIdHash,
          personName: '张三',
          relatedOrganisationId: null,
          createdAt: now,
        })
        .execute();
    }
  } else {
    await db
      .insertInto('organisationRelation')
      .values({
        id: randomUUID(),
        organisationId: a,
        kind: 'controls',
        personIdHash: null,
        personName: null,
        relatedOrganisationId: b,
        createdAt: now,
      })
      .execute();
  }
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export const BOND = {
  amount: 10_000,
  payerAccount: '6222020200012345678',
  paidAt: '2026-03-03T02:00:00.000Z',
};

export function auth(token: string) {
  return { authorization: `Bearer ${token}` };
}

export async function openUpload(
  svc: TestService,
  token: string,
  sectionId: string,
  file: Uint8Array,
  chunkSize: number,
  fileSha256 = sha256(file),
  options: { obtainFirst?: boolean } = {},
): Promise<LightMyRequestResponse> {
  if (options.obtainFirst !== false) await ensureObtained(svc, token, sectionId);
  return svc.app.inject({
    method: 'POST',
    url: `/api/sections/${sectionId}/uploads`,
    headers: auth(token),
    payload: { totalSize: file.byteLength, fileSha256, chunkSize },
  });
}

export async function putChunk(
  svc: TestService,
  token: string,
  sectionId: string,
  uploadId: string,
  index: number,
  data: Uint8Array,
  hash = sha256(data),
): Promise<LightMyRequestResponse> {
  return svc.app.inject({
    method: 'PUT',
    url: `/api/sections/${sectionId}/uploads/${uploadId}/chunks/${index}`,
    headers: { ...auth(token), 'content-type': 'application/octet-stream', 'x-chunk-sha256': hash },
    payload: Buffer.from(data),
  });
}

export async function complete(
  svc: TestService,
  token: string,
  sectionId: string,
  uploadId: string,
  bidBond: { amount: number; payerAccount: string; paidAt: string } = BOND,
): Promise<LightMyRequestResponse> {
  return svc.app.inject({
    method: 'POST',
    url: `/api/sections/${sectionId}/uploads/${uploadId}/complete`,
    headers: auth(token),
    payload: { bidBond },
  });
}

/** Opens an upload, sends every chunk; returns the upload id (not completed). */
export async function uploadAllChunks(
  svc: TestService,
  token: string,
  sectionId: string,
  file: Uint8Array,
  chunkSize = 1024,
): Promise<string> {
  const opened = await openUpload(svc, token, sectionId, file, chunkSize);
  if (opened.statusCode !== 201) throw new Error(`open failed: ${opened.body}`);
  const uploadId = opened.json().id as string;
  for (let i = 0; i * chunkSize < file.byteLength; i++) {
    const res = await putChunk(
      svc,
      token,
      sectionId,
      uploadId,
      i,
      file.subarray(i * chunkSize, (i + 1) * chunkSize),
    );
    if (res.statusCode !== 200) throw new Error(`chunk ${i} failed: ${res.body}`);
  }
  return uploadId;
}

/** A whole bid: open, chunks, complete. Returns the completion response. */
export async function submitBid(
  svc: TestService,
  token: string,
  sectionId: string,
  file?: Uint8Array,
  bidBond = BOND,
): Promise<LightMyRequestResponse> {
  file ??= await aSealedBidFor(svc, token, sectionId, randomBytes(3000));
  const uploadId = await uploadAllChunks(svc, token, sectionId, file);
  return complete(svc, token, sectionId, uploadId, bidBond);
}

export async function countRows(
  svc: TestService,
  table: 'bid' | 'bidReceipt' | 'bidUpload' | 'auditEvent',
): Promise<number> {
  const row = await tradingDb(svc.store.db)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The acknowledged chunks of an upload, as its owner sees them. */
export async function storedChunks(
  svc: TestService,
  token: string,
  sectionId: string,
  uploadId: string,
): Promise<number[]> {
  const res = await svc.app.inject({
    method: 'GET',
    url: `/api/sections/${sectionId}/uploads/${uploadId}`,
    headers: auth(token),
  });
  return res.json().storedChunks as number[];
}

/**
 * Records that the caller's organisation obtained the section's documents (bidding requires it),
 * as the documents' own use case would; a no-op when it already has.
 */
export async function ensureObtained(svc: TestService, token: string, sectionId: string): Promise<void> {
  const me = await svc.app.inject({ url: '/api/auth/me', headers: auth(token) });
  const organisationId = (me.json() as { user?: { organisation?: { id: string } | null } }).user?.organisation
    ?.id;
  if (!organisationId) return;
  const db = tradingDb(svc.store.db);
  const section = await db
    .selectFrom('tenderSection')
    .select('projectId')
    .where('id', '=', sectionId)
    .executeTakeFirst();
  if (!section) return;
  const existing = await db
    .selectFrom('documentObtainment')
    .select('id')
    .where('projectId', '=', section.projectId)
    .where('organisationId', '=', organisationId)
    .executeTakeFirst();
  if (existing) return;
  await db
    .insertInto('documentObtainment')
    .values({
      id: randomUUID(),
      projectId: section.projectId,
      organisationId,
      userId: null,
      obtainedAt: svc.clock.now().toISOString(),
    })
    .execute();
}
