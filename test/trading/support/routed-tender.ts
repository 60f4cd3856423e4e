import type { LightMyRequestResponse } from 'fastify';
import { DAY } from '../../../src/domain/cst.ts';
import { recordTestOpeningKey } from '../../support/sealed-bids.ts';
import type { TestService } from '../../support/services.ts';
import type { BidSection } from './bid-factory.ts';
import { aBidForm, aPackagedBid } from './opening-factory.ts';
import { anEntrustedAgency, auth, type Party, post, upload } from './tender-factory.ts';

/**
 * Tenders driven through the trading platform's own routes (not written into its tables): a
 * project created with one section, its documents, its announcement and its publication, then
 * sealed bids. Failures throw with the response body, so the helpers serve any test runner.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export interface RoutedTender extends BidSection {
  readonly announcementId: string;
}

export interface RoutedTenderOptions {
  readonly name: string;
  readonly procedure?: 'open' | 'invited';
  readonly qualification?: 'pre' | 'post';
  /** null: no region (the exchange falls back to the platform's). */
  readonly region?: string | null;
  readonly industry?: string | null;
  readonly invited?: readonly Party[];
  /** The tender entrusted to an agency before publication. */
  readonly withAgency?: boolean;
}

const CRITERIA = [
  { name: '技术方案', weight: 40 },
  { name: '商务资信', weight: 20 },
  { name: '投标报价', weight: 40 },
];

/** The response, or an error naming the status expected and the body received. */
export function ok(response: LightMyRequestResponse, status = 200): LightMyRequestResponse {
  if (response.statusCode !== status)
    throw new Error(`expected HTTP ${status}, got ${response.statusCode}: ${response.body}`);
  return response;
}

export async function put(
  svc: TestService,
  who: Party,
  url: string,
  payload: object,
): Promise<LightMyRequestResponse> {
  return svc.app.inject({ method: 'PUT', url, headers: await auth(svc, who), payload });
}

/** Sets the test clock to `at`, which must not be before its present time. */
export function moveTo(svc: TestService, at: number): void {
  const now = svc.clock.now().getTime();
  if (at < now)
    throw new Error(
      `the clock never goes back: ${new Date(at).toISOString()} < ${new Date(now).toISOString()}`,
    );
  svc.clock.set(new Date(at).toISOString());
}

/** The party's bearer token, renewed if its session is old. */
export async function tokenOf(svc: TestService, who: Party): Promise<string> {
  await auth(svc, who);
  return who.token;
}

/**
 * A tender created, given its documents and announcement, and published through the routes: the
 * documents are issued from an hour from now, bids close 21 days later (40 with a pre-qualification).
 */
export async function publishTender(
  svc: TestService,
  tenderer: Party,
  options: RoutedTenderOptions,
): Promise<RoutedTender> {
  const qualification = options.qualification ?? 'post';
  const issueStart = svc.clock.now().getTime() + HOUR;
  const deadline = new Date(issueStart + (qualification === 'pre' ? 40 : 21) * DAY).toISOString();
  const created = ok(
    await post(svc, tenderer, '/api/projects', {
      name: options.name,
      procedure: options.procedure ?? 'open',
      qualification,
      mustTender: true,
      stateFunded: true,
      region: options.region === undefined ? '350100' : options.region,
      industry: options.industry === undefined ? '市政工程' : options.industry,
      sealing: { suite: 'gm', openingKeyRemedy: false, decryptionWindowMinutes: 30 },
      sections: [
        {
          name: '一标段 道路工程',
          estimatedPrice: 5_000_000,
          controlPrice: 4_800_000,
          referencePrices: [],
          bidBond: 10_000,
          bidValidityDays: 90,
          evaluationMethod: 'comprehensive',
          criteria: CRITERIA,
        },
      ],
    }),
    201,
  ).json();
  const projectId = created.id as string;
  const openingKey = await recordTestOpeningKey(svc, await tokenOf(svc, tenderer), projectId);
  const documents = `/api/projects/${projectId}/documents`;
  for (const kind of qualification === 'pre' ? ['prequalification', 'tender'] : ['tender'])
    ok(
      await upload(
        svc,
        tenderer,
        `${documents}?${new URLSearchParams({ kind, filename: `${kind}.pdf` })}`,
        Buffer.from(`%PDF-1.7 ${kind} documents of ${options.name}`),
      ),
      201,
    );
  ok(
    await put(svc, tenderer, `/api/projects/${projectId}/announcement`, {
      title: `${options.name}${options.procedure === 'invited' ? '投标邀请书' : '招标公告'}`,
      body: '招标条件、项目概况与招标范围、投标人资格要求、招标文件的获取、投标文件的递交……',
      documentIssueStart: new Date(issueStart).toISOString(),
      documentIssueEnd: new Date(issueStart + 6 * DAY).toISOString(),
      bidDeadline: deadline,
      openingAt: deadline,
      ...(qualification === 'pre'
        ? { prequalificationDeadline: new Date(issueStart + 12 * DAY).toISOString() }
        : {}),
      objectionContact: '李工 0591-87654321',
      ...(options.invited ? { invitedOrganisationIds: options.invited.map((p) => p.organisationId) } : {}),
    }),
  );
  if (options.withAgency) await anEntrustedAgency(svc, { projectId, announcementId: '' }, tenderer);
  const published = ok(await post(svc, tenderer, `/api/projects/${projectId}/publish`)).json();
  return {
    projectId,
    dealCode: created.dealCode,
    sectionId: created.sections[0].id,
    sectionCode: created.sections[0].code,
    deadline,
    tenderer,
    suite: 'gm',
    openingKey,
    announcementId: published.announcement.id as string,
  };
}

/**
 * 18 days before the deadline the bidders obtain the documents and submit sealed bids with bid
 * forms at `pricesFen[i]`, a minute apart; returns the bid ids in the bidders' order.
 */
export async function submitBids(
  svc: TestService,
  tender: BidSection,
  bidders: readonly Party[],
  pricesFen: readonly number[],
): Promise<string[]> {
  moveTo(svc, Date.parse(tender.deadline) - 18 * DAY);
  const ids: string[] = [];
  for (const [i, bidder] of bidders.entries()) {
    ok(await post(svc, bidder, `/api/projects/${tender.projectId}/documents/obtain`));
    svc.clock.advance(MINUTE);
    await auth(svc, bidder);
    ids.push(await aPackagedBid(svc, tender, bidder, aBidForm(pricesFen[i]!, { 项目经理: `经理${i}` })));
  }
  return ids;
}
