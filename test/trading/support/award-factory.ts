import { randomBytes, randomUUID } from 'node:crypto';
import { canonicalJson } from '../../../src/domain/canonical-json.ts';
import type { ReportCandidate } from '../../../src/trading/evaluation/evaluation-report-repository.ts';
import { tradingDb } from '../../../src/trading/schema.ts';
import { PASSWORD, type TestService } from '../../support/services.ts';
import { aPublishedSection, auth, ensureObtained, submitBid, type BidSection } from './bid-factory.ts';

/** A user who signs in again when the test clock has moved on (sessions last 12 hours). */
export type User = {
  username: string;
  token: string;
  organisationId: string;
  userId: string;
  signedInAt: number;
};

export interface AwardFixture {
  readonly section: BidSection;
  readonly tenderer: User;
  /** The bidders whose bids are ranked 1, 2, 3… by the report. */
  readonly bidders: readonly (User & { bidId: string })[];
  /** A bidder that withdrew its bid in writing before the deadline (T10, 条例 35). */
  readonly withdrawn: User & { bidId: string; withdrawnAt: string };
  readonly reportFinalisedAt: string;
}

let serial = 0;

/**
 * A section whose evaluation report is final. Bids are submitted (and one withdrawn) through the
 * bid routes. FIXTURE OF THE EVALUATION HELPER'S OUTPUT: the final `evaluation_report` row is
 * inserted with Kysely in the shape `finaliseEvaluationReport` writes (status 'final', canonical
 * candidates) — the evaluation workflow itself is proven by test/trading/evaluation.test.ts, and
 * driving a five-member committee through it for every award scenario would only slow these tests.
 */
export async function aSectionWithFinalReport(
  svc: TestService,
  options: { candidates?: number; mustTender?: boolean; stateFunded?: boolean; bidBondYuan?: number } = {},
): Promise<AwardFixture> {
  const n = ++serial;
  const tag = randomBytes(3).toString('hex');
  const db = tradingDb(svc.store.db);
  const tenderer = await aUser(svc, 'tenderer', `awt${n}${tag}`);
  const section = await aPublishedSection(svc, { tenderer, bidBondYuan: options.bidBondYuan ?? 10_000 });
  await db
    .updateTable('tenderProject')
    .set({
      mustTender: options.mustTender === false ? 0 : 1,
      stateFunded: options.stateFunded === false ? 0 : 1,
    })
    .where('id', '=', section.projectId)
    .execute();

  const bidders: (User & { bidId: string })[] = [];
  for (let i = 0; i < (options.candidates ?? 3); i += 1) {
    const bidder = await aUser(svc, 'bidder', `awb${n}x${i}${tag}`);
    await ensureObtained(svc, bidder.token, section.sectionId);
    const submitted = await submitBid(svc, bidder.token, section.sectionId);
    if (submitted.statusCode !== 201) throw new Error(submitted.body);
    bidders.push({ ...bidder, bidId: submitted.json().receipt.bidId as string });
  }
  const quitter = await aUser(svc, 'bidder', `awq${n}${tag}`);
  await ensureObtained(svc, quitter.token, section.sectionId);
  const quitBid = await submitBid(svc, quitter.token, section.sectionId);
  if (quitBid.statusCode !== 201) throw new Error(quitBid.body);
  const withdrawal = await svc.app.inject({
    method: 'POST',
    url: `/api/sections/${section.sectionId}/bids/withdraw`,
    headers: auth(quitter.token),
  });
  if (withdrawal.statusCode !== 200) throw new Error(withdrawal.body);

  svc.clock.set(new Date(Date.parse(section.deadline) + 3_600_000).toISOString());
  const reportFinalisedAt = svc.clock.now().toISOString();
  const organisations = await db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where(
      'id',
      'in',
      bidders.map((b) => b.organisationId),
    )
    .execute();
  const nameOf = new Map(organisations.map((o) => [o.id, o.name]));
  const candidates: ReportCandidate[] = bidders.map((b, i) => ({
    rank: i + 1,
    bidId: b.bidId,
    bidderOrganisationId: b.organisationId,
    bidderName: nameOf.get(b.organisationId)!,
    priceFen: 400_000_000 + i * 1_000_000,
    score: 9_000 - i * 100,
    evaluatedPriceFen: null,
  }));
  const reportJson = canonicalJson({ candidates, finalisedAt: reportFinalisedAt });
  await db
    .insertInto('evaluationReport')
    .values({
      id: randomUUID(),
      projectId: section.projectId,
      sectionId: section.sectionId,
      status: 'final',
      candidates: canonicalJson(candidates),
      reportJson,
      reportSha256: randomBytes(32).toString('hex'),
      finalisedAt: reportFinalisedAt,
      createdAt: reportFinalisedAt,
    })
    .execute();
  return {
    section,
    tenderer,
    bidders,
    withdrawn: {
      ...quitter,
      bidId: quitBid.json().receipt.bidId as string,
      withdrawnAt: withdrawal.json().withdrawnAt,
    },
    reportFinalisedAt,
  };
}

async function aUser(svc: TestService, role: 'tenderer' | 'bidder', username: string): Promise<User> {
  const user = await svc.userWithRoles([role], username);
  return { ...user, username, signedInAt: svc.clock.now().getTime() };
}

/** The user's bearer token, signing in again once the clock has moved an hour or more. */
export async function tokenOf(svc: TestService, user: User): Promise<string> {
  const now = svc.clock.now().getTime();
  if (now - user.signedInAt >= 3_600_000 || now < user.signedInAt) {
    const response = await svc.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: PASSWORD },
    });
    if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
    user.token = response.json().token as string;
    user.signedInAt = now;
  }
  return user.token;
}
