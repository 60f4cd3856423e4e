import { describe, expect, it } from 'vitest';
import { exportMergeRules, recordOf } from '../../src/exchange/ocds/ocds-packages.ts';
import type { Release } from '../../src/exchange/ocds/ocds-release.ts';
import { BID_EXTENSION_URL } from '../../src/exchange/ocds/ocds-schemas.ts';
import type { OpenedBidFacts, OrganisationFacts, TenderFacts } from '../../src/exchange/ocds/tender-facts.ts';
import { tenderReleases } from '../../src/exchange/ocds/tender-releases.ts';
import { validateOcds } from '../../src/exchange/ocds/validate-ocds.ts';
import { aCreditCode } from '../support/factories.ts';

/**
 * The mapping from a tender's facts to its releases, on hand-made facts: what is published at
 * which stage, and what never is (bid prices before the opening, the evaluation before the result).
 */
const org = (seed: number, name: string): OrganisationFacts => ({
  creditCode: aCreditCode(9_000 + seed),
  name,
  region: '福建省福州市',
});
const TENDERER = org(1, '福州市城乡建设发展中心');
const AGENCY = org(2, '福建招标代理有限公司');
const BIDDERS = [
  org(3, '甲建设有限公司'),
  org(4, '乙建设有限公司'),
  org(5, '丙建设有限公司'),
  org(6, '丁建设有限公司'),
];
const SECTION = 'E0001001';
const DEADLINE = '2026-03-23T02:00:00.000Z';

function aTender(overrides: Partial<TenderFacts> = {}): TenderFacts {
  return {
    dealCode: 'E0001',
    name: '福州市测试道路工程',
    procedure: 'open',
    qualification: 'post',
    tenderer: TENDERER,
    agency: null,
    announcement: {
      id: 'announcement-1',
      title: '招标公告',
      body: '现对该项目进行公开招标。',
      publishedAt: '2026-03-02T01:00:00.000Z',
      documentIssueStart: '2026-03-02T02:00:00.000Z',
      bidDeadline: DEADLINE,
    },
    sections: [
      {
        code: SECTION,
        name: '施工',
        estimatedPriceFen: 1_234_567_89,
        evaluationMethod: 'comprehensive',
        resultPublishedAt: null,
      },
    ],
    clarifications: [],
    opening: null,
    exceptions: [],
    publicities: [],
    awards: [],
    contracts: [],
    retenderOf: null,
    ...overrides,
  };
}

const opened = (
  i: number,
  decryption: OpenedBidFacts['decryption'],
  priceFen: number | null,
  review: OpenedBidFacts['review'] = null,
): OpenedBidFacts => ({
  id: `bid-${i}`,
  sectionCode: SECTION,
  bidder: BIDDERS[i]!,
  submittedAt: `2026-03-20T0${i}:00:00.000Z`,
  decryption,
  priceFen,
  review,
});
const READ_OUT = '2026-03-23T03:00:00.000Z';
const OPENING = {
  readOutAt: READ_OUT,
  bids: [
    opened(0, 'decrypted', 1_180_000_00, 'passed'),
    opened(1, 'decrypted', 1_090_000_00, 'rejected'),
    opened(2, 'failed_bidder', null),
    opened(3, 'failed_other', null),
  ],
};

const releasesOf = (facts: TenderFacts) => tenderReleases(facts, { ocidPrefix: 'ocds-test00' });
const stage = (releases: Release[], id: string) => releases.find((r) => r.id === id)!;
const packageOf = (releases: Release[]) => ({
  uri: 'urn:test:releases',
  version: '1.1',
  publishedDate: releases.at(-1)!.date,
  publisher: { name: '测试' },
  extensions: [BID_EXTENSION_URL],
  releases,
});

describe('OCDS releases of a tender', () => {
  it('publishes the announcement as a tender release: CST dates with their offset, yuan in CNY, parties by credit code', () => {
    const [release, ...more] = releasesOf(aTender());
    expect(more).toEqual([]);
    expect(release).toMatchObject({
      ocid: 'ocds-test00-E0001',
      id: 'tender',
      date: '2026-03-02T09:00:00+08:00',
      tag: ['tender'],
      initiationType: 'tender',
      buyer: { id: `CN-USCI-${TENDERER.creditCode}`, name: TENDERER.name },
      tender: {
        id: 'E0001',
        status: 'active',
        value: { amount: 1_234_567.89, currency: 'CNY' },
        procurementMethod: 'open',
        awardCriteria: 'ratedCriteria',
        submissionMethod: ['electronicSubmission'],
        tenderPeriod: { startDate: '2026-03-02T10:00:00+08:00', endDate: '2026-03-23T10:00:00+08:00' },
        items: [{ id: SECTION, description: '施工' }],
      },
    });
    expect(release!.parties).toEqual([
      {
        id: `CN-USCI-${TENDERER.creditCode}`,
        name: TENDERER.name,
        identifier: { scheme: 'CN-USCI', id: TENDERER.creditCode, legalName: TENDERER.name },
        address: { region: '福建省福州市', countryName: '中国' },
        roles: ['buyer', 'procuringEntity'],
      },
    ]);
    expect(release).not.toHaveProperty('bids');

    const agency = releasesOf(aTender({ agency: AGENCY, procedure: 'invited' }))[0]!;
    expect(agency.tender.procuringEntity.name).toBe(AGENCY.name);
    expect(agency.parties.map((p) => [p.name, p.roles])).toEqual([
      [TENDERER.name, ['buyer']],
      [AGENCY.name, ['procuringEntity']],
    ]);
    expect(agency.tender).toMatchObject({
      procurementMethod: 'limited',
      procurementMethodDetails: '邀请招标',
    });
    expect(releasesOf(aTender({ qualification: 'pre' }))[0]!.tender.procurementMethod).toBe('selective');
  });

  it('publishes each clarification as a tenderAmendment: amendments accumulate, the deadline moves', () => {
    const moved = '2026-04-08T02:00:00.000Z';
    const releases = releasesOf(
      aTender({
        clarifications: [
          {
            id: 'c1',
            title: '第 1 号澄清',
            body: '……',
            publishedAt: '2026-03-10T01:00:00.000Z',
            newBidDeadline: null,
          },
          {
            id: 'c2',
            title: '第 2 号修改',
            body: '……',
            publishedAt: '2026-03-12T01:00:00.000Z',
            newBidDeadline: moved,
          },
        ],
      }),
    );
    expect(releases.map((r) => [r.id, r.tag[0], r.tender.tenderPeriod.endDate])).toEqual([
      ['tender', 'tender', '2026-03-23T10:00:00+08:00'],
      ['amendment-c1', 'tenderAmendment', '2026-03-23T10:00:00+08:00'],
      ['amendment-c2', 'tenderAmendment', '2026-04-08T10:00:00+08:00'],
    ]);
    expect(releases[2]!.tender.amendments).toEqual([
      expect.objectContaining({ id: 'c1', amendsReleaseID: 'tender', releaseID: 'amendment-c1' }),
      expect.objectContaining({
        id: 'c2',
        rationale: '第 2 号修改',
        date: '2026-03-12T09:00:00+08:00',
        amendsReleaseID: 'amendment-c1',
        releaseID: 'amendment-c2',
      }),
    ]);
  });

  it('shows bidders and their prices only from the opening record, never when it predates the deadline', () => {
    const releases = releasesOf(aTender({ opening: OPENING }));
    expect(releases.map((r) => r.id)).toEqual(['tender', 'opening']);
    expect(releases[0]).not.toHaveProperty('bids');
    const opening = stage(releases, 'opening');
    expect(opening.tag).toEqual(['tenderUpdate']);
    expect(opening.bids!.details.map((b) => [b.id, b.status, b.value?.amount])).toEqual([
      ['bid-0', 'pending', 1_180_000],
      ['bid-1', 'pending', 1_090_000],
      ['bid-2', 'disqualified', undefined],
      ['bid-3', 'withdrawn', undefined],
    ]);
    expect(opening.bids!.details[0]).toMatchObject({
      date: '2026-03-20T08:00:00+08:00',
      tenderers: [{ id: `CN-USCI-${BIDDERS[0]!.creditCode}`, name: BIDDERS[0]!.name }],
      value: { currency: 'CNY' },
      relatedLots: [SECTION],
    });
    expect(opening.bids!.statistics.map((s) => [s.measure, s.value])).toEqual([
      ['bids', 4],
      ['bidders', 4],
      ['electronicBids', 4],
    ]);
    expect(opening.tender).toMatchObject({ numberOfTenderers: 4 });
    expect(opening.parties.filter((p) => p.roles.includes('tenderer'))).toHaveLength(4);

    // An opening record stamped before the deadline in force (moved by an amendment) is not trusted.
    const early = releasesOf(
      aTender({
        opening: OPENING,
        clarifications: [
          {
            id: 'c1',
            title: '延期',
            body: '……',
            publishedAt: '2026-03-10T01:00:00.000Z',
            newBidDeadline: '2026-04-08T02:00:00.000Z',
          },
        ],
      }),
    );
    expect(early.some((r) => 'bids' in r || r.parties.some((p) => p.roles.includes('tenderer')))).toBe(false);
  });

  it('ranks the candidates at their publicity, and shows the evaluation only with the result', () => {
    const publicity = {
      sectionCode: SECTION,
      startsAt: '2026-03-25T01:00:00.000Z',
      endsAt: '2026-03-28T15:59:59.999Z',
      candidates: [{ rank: 1, bidId: 'bid-0' }],
    };
    const awardedAt = '2026-03-30T01:00:00.000Z';
    const facts = aTender({
      opening: OPENING,
      publicities: [publicity],
      sections: [{ ...aTender().sections[0]!, resultPublishedAt: awardedAt }],
      awards: [
        {
          sectionCode: SECTION,
          bidId: 'bid-0',
          supplier: BIDDERS[0]!,
          priceFen: 1_180_000_00,
          awardedAt,
          revokedAt: null,
        },
      ],
    });
    const releases = releasesOf(facts);
    expect(releases.map((r) => [r.id, r.tag[0]])).toEqual([
      ['tender', 'tender'],
      ['opening', 'tenderUpdate'],
      [`candidates-${SECTION}`, 'award'],
      [`award-${SECTION}-1`, 'award'],
    ]);
    const candidates = stage(releases, `candidates-${SECTION}`);
    expect(candidates.awards).toEqual([
      expect.objectContaining({ id: `${SECTION}-1`, status: 'pending', date: '2026-03-25T09:00:00+08:00' }),
    ]);
    expect(candidates.awards![0]).not.toHaveProperty('suppliers');
    expect(candidates.bids!.details.map((b) => [b.status, b.rank])).toEqual([
      ['pending', 1],
      ['pending', undefined],
      ['disqualified', undefined],
      ['withdrawn', undefined],
    ]);

    const result = stage(releases, `award-${SECTION}-1`);
    expect(result.awards).toEqual([
      expect.objectContaining({
        id: `${SECTION}-1`,
        status: 'active',
        value: { amount: 1_180_000, currency: 'CNY' },
        suppliers: [{ id: `CN-USCI-${BIDDERS[0]!.creditCode}`, name: BIDDERS[0]!.name }],
        relatedBid: 'bid-0',
        relatedBids: ['bid-0'],
      }),
    ]);
    expect(result.bids!.details.map((b) => b.status)).toEqual([
      'valid',
      'disqualified',
      'disqualified',
      'withdrawn',
    ]);
    expect(result.bids!.statistics.slice(3).map((s) => [s.measure, s.value])).toEqual([
      ['validBids', 1],
      ['disqualifiedBids', 2],
      ['lowestValidBidValue', 1_180_000],
      ['highestValidBidValue', 1_180_000],
    ]);
    expect(result.parties.find((p) => p.name === BIDDERS[0]!.name)!.roles).toEqual(['tenderer', 'supplier']);
  });

  it('cancels a revoked award, awards the next, and contracts under the active award', () => {
    const award = (i: number, awardedAt: string, revokedAt: string | null) => ({
      sectionCode: SECTION,
      bidId: `bid-${i}`,
      supplier: BIDDERS[i]!,
      priceFen: OPENING.bids[i]!.priceFen!,
      awardedAt,
      revokedAt,
    });
    const releases = releasesOf(
      aTender({
        opening: { ...OPENING, bids: OPENING.bids.map((b) => ({ ...b, review: 'passed' as const })) },
        sections: [{ ...aTender().sections[0]!, resultPublishedAt: '2026-03-30T01:00:00.000Z' }],
        awards: [
          award(0, '2026-03-30T01:00:00.000Z', '2026-04-02T01:00:00.000Z'),
          award(1, '2026-04-03T01:00:00.000Z', null),
        ],
        contracts: [
          {
            sectionCode: SECTION,
            amountFen: 1_090_000_00,
            signedAt: '2026-04-10T01:00:00.000Z',
            recordedAt: '2026-04-10T02:00:00.000Z',
          },
        ],
      }),
    );
    expect(releases.map((r) => [r.id, r.tag[0], r.tender.status])).toEqual([
      ['tender', 'tender', 'active'],
      ['opening', 'tenderUpdate', 'active'],
      [`award-${SECTION}-1`, 'award', 'active'],
      [`award-${SECTION}-1-revoked`, 'awardCancellation', 'active'],
      [`award-${SECTION}-2`, 'award', 'active'],
      [`contract-${SECTION}`, 'contract', 'complete'],
    ]);
    const last = releases.at(-1)!;
    expect(last.awards!.map((a) => [a.id, a.status, a.relatedBid])).toEqual([
      [`${SECTION}-1`, 'cancelled', 'bid-0'],
      [`${SECTION}-2`, 'active', 'bid-1'],
    ]);
    expect(last.contracts).toEqual([
      {
        id: `${SECTION}-contract`,
        awardID: `${SECTION}-2`,
        title: '福州市测试道路工程（施工）合同',
        status: 'active',
        value: { amount: 1_090_000, currency: 'CNY' },
        dateSigned: '2026-04-10T09:00:00+08:00',
        items: [{ id: SECTION, description: '施工' }],
        relatedBids: ['bid-1'],
      },
    ]);
    const suppliers = last.parties.filter((p) => p.roles.includes('supplier')).map((p) => p.name);
    expect(suppliers).toEqual([BIDDERS[1]!.name]);
  });

  it('publishes failures and terminations with their reasons, and links a re-tender to the failed process', () => {
    const failed = releasesOf(
      aTender({
        exceptions: [
          {
            id: 'x1',
            sectionCode: SECTION,
            kind: 'failed',
            ruleId: 'C1',
            reason: '投标人少于3个',
            recordedAt: DEADLINE,
          },
        ],
      }),
    ).at(-1)!;
    expect(failed).toMatchObject({
      id: 'failed-x1',
      tag: ['tenderUpdate'],
      tender: { status: 'unsuccessful' },
    });
    expect(failed.tender.documents.at(-1)).toEqual({
      id: 'failed-x1',
      documentType: 'cancellationDetails',
      title: `招标失败（标段 ${SECTION}）（C1）`,
      description: '投标人少于3个',
      datePublished: '2026-03-23T10:00:00+08:00',
    });
    const terminated = releasesOf(
      aTender({
        exceptions: [
          {
            id: 'x2',
            sectionCode: null,
            kind: 'terminated',
            ruleId: null,
            reason: '因规划调整，项目取消',
            recordedAt: '2026-03-10T01:00:00.000Z',
          },
        ],
      }),
    ).at(-1)!;
    expect(terminated).toMatchObject({ tag: ['tenderCancellation'], tender: { status: 'cancelled' } });

    const again = releasesOf(
      aTender({ dealCode: 'E0002', retenderOf: { dealCode: 'E0001', name: '福州市测试道路工程' } }),
    );
    expect(again[0]!.relatedProcesses).toEqual([
      {
        id: 'retender',
        relationship: ['unsuccessfulProcess'],
        title: '福州市测试道路工程',
        scheme: 'ocid',
        identifier: 'ocds-test00-E0001',
      },
    ]);
  });

  it('gives releases that validate against OCDS 1.1.5 with the bid extension and merge into the latest state', () => {
    const releases = releasesOf(
      aTender({
        agency: AGENCY,
        opening: OPENING,
        clarifications: [
          {
            id: 'c1',
            title: '澄清',
            body: '……',
            publishedAt: '2026-03-10T01:00:00.000Z',
            newBidDeadline: null,
          },
        ],
        publicities: [
          {
            sectionCode: SECTION,
            startsAt: '2026-03-25T01:00:00.000Z',
            endsAt: '2026-03-28T15:59:59.999Z',
            candidates: [{ rank: 1, bidId: 'bid-0' }],
          },
        ],
        sections: [{ ...aTender().sections[0]!, resultPublishedAt: '2026-03-30T01:00:00.000Z' }],
        awards: [
          {
            sectionCode: SECTION,
            bidId: 'bid-0',
            supplier: BIDDERS[0]!,
            priceFen: 1_180_000_00,
            awardedAt: '2026-03-30T01:00:00.000Z',
            revokedAt: null,
          },
        ],
        retenderOf: { dealCode: 'E0000', name: '前次招标' },
      }),
    );
    expect(validateOcds(packageOf(releases)).errors).toEqual([]);
    const record = recordOf(releases, exportMergeRules());
    const { id: _id, date, tag, ...compiled } = record.compiledRelease;
    const { id: _lastId, date: lastDate, tag: _lastTag, ...latest } = releases.at(-1)!;
    expect(compiled).toEqual(latest);
    expect({ date, tag }).toEqual({ date: lastDate, tag: ['compiled'] });
    const { releases: _releases, ...metadata } = packageOf(releases);
    expect(validateOcds({ ...metadata, records: [record] }).errors).toEqual([]);
  });
});
