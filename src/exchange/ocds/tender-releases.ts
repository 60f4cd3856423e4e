import { formatCst } from '../../domain/cst.ts';
import type {
  Award,
  Bid,
  BidStatus,
  Contract,
  Document,
  Item,
  Party,
  PartyRole,
  Release,
  Statistic,
  Tender,
} from './ocds-release.ts';
import { atOrBefore, ocdsDate, organisationReference, party, partyId, yuan } from './ocds-values.ts';
import type { OpenedBidFacts, OrganisationFacts, SectionFacts, TenderFacts } from './tender-facts.ts';
import { awardIds, type Stage, tenderStages } from './tender-stages.ts';

/** `<prefix>-<unified deal code>`: the prefix is the publisher's, registered with the OCDS. */
export function ocidOf(prefix: string, dealCode: string): string {
  return `${prefix}-${dealCode}`;
}

/**
 * A tender's OCDS releases, one per published stage (see `tenderStages`). Each release states the
 * whole tender as the public knew it when that stage was published, so it stands on its own and
 * the releases merge into the latest state. Bidders and bid prices appear only with the opening
 * record, and never when the record predates the bid deadline; the evaluation's verdicts (valid,
 * disqualified) only once the section's result is published, as the law keeps the evaluation
 * confidential until then (法 44).
 */
export function tenderReleases(facts: TenderFacts, options: { readonly ocidPrefix: string }): Release[] {
  const ocid = ocidOf(options.ocidPrefix, facts.dealCode);
  const stages = tenderStages(facts);
  return stages.map((stage, index) => releaseAt(facts, ocid, stage, stages.slice(0, index), options));
}

function releaseAt(
  facts: TenderFacts,
  ocid: string,
  stage: Stage,
  earlier: readonly Stage[],
  options: { readonly ocidPrefix: string },
): Release {
  const view = new TenderView(facts, stage.at);
  const bids = view.openedBids();
  const awards = view.awards();
  const contracts = view.contracts();
  return {
    ocid,
    id: stage.id,
    date: ocdsDate(stage.at),
    tag: [stage.tag],
    initiationType: 'tender',
    language: 'zh',
    parties: view.parties(bids, awards),
    buyer: organisationReference(facts.tenderer),
    tender: view.tender(bids, earlier, stage),
    ...(awards.length ? { awards: awards.map((a) => a.award) } : {}),
    ...(contracts.length ? { contracts } : {}),
    ...(bids ? { bids: { details: bids.map((b) => view.bid(b)), statistics: view.statistics(bids) } } : {}),
    ...(facts.retenderOf
      ? {
          relatedProcesses: [
            {
              id: 'retender',
              relationship: ['unsuccessfulProcess'],
              title: facts.retenderOf.name,
              scheme: 'ocid',
              identifier: ocidOf(options.ocidPrefix, facts.retenderOf.dealCode),
            },
          ],
        }
      : {}),
  };
}

const METHOD_TEXT: Record<SectionFacts['evaluationMethod'], string> = {
  comprehensive: '综合评估法',
  lowest_price: '经评审的最低投标价法',
};

const ROLE_ORDER: readonly PartyRole[] = ['buyer', 'procuringEntity', 'tenderer', 'supplier'];

/** The tender as known at one instant: only what had been published by then. */
class TenderView {
  private readonly awardIds: Map<TenderFacts['awards'][number], string>;

  constructor(
    private readonly facts: TenderFacts,
    private readonly at: string,
  ) {
    this.awardIds = awardIds(facts);
  }

  private known(instant: string | null): instant is string {
    return instant !== null && atOrBefore(instant, this.at);
  }

  /** The bid deadline in force at `instant`: clarifications may have moved it. */
  private deadlineAt(instant: string): string {
    let deadline = this.facts.announcement.bidDeadline;
    const published = [...this.facts.clarifications].sort(
      (a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt),
    );
    for (const c of published) {
      if (c.newBidDeadline && atOrBefore(c.publishedAt, instant)) deadline = c.newBidDeadline;
    }
    return deadline;
  }

  private section(code: string): SectionFacts | undefined {
    return this.facts.sections.find((s) => s.code === code);
  }

  private item(code: string): Item {
    return { id: code, description: this.section(code)?.name ?? code };
  }

  private exceptions() {
    return this.facts.exceptions.filter((e) => this.known(e.recordedAt));
  }

  /** The bids read out at the opening, once it happened: never before the bid deadline. */
  openedBids(): readonly OpenedBidFacts[] | null {
    const opening = this.facts.opening;
    if (!opening || !this.known(opening.readOutAt)) return null;
    if (!atOrBefore(this.deadlineAt(opening.readOutAt), opening.readOutAt)) return null;
    return opening.bids;
  }

  private resultPublished(sectionCode: string): boolean {
    return this.known(this.section(sectionCode)?.resultPublishedAt ?? null);
  }

  bidStatus(bid: OpenedBidFacts): BidStatus {
    if (bid.decryption === 'failed_bidder') return 'disqualified';
    if (bid.decryption === 'failed_other') return 'withdrawn';
    if (bid.review && this.resultPublished(bid.sectionCode))
      return bid.review === 'passed' ? 'valid' : 'disqualified';
    return 'pending';
  }

  bid(bid: OpenedBidFacts): Bid {
    const publicity = this.facts.publicities.find((p) => p.sectionCode === bid.sectionCode);
    const candidate = this.known(publicity?.startsAt ?? null)
      ? publicity?.candidates.find((c) => c.bidId === bid.id)
      : undefined;
    return {
      id: bid.id,
      date: ocdsDate(bid.submittedAt),
      status: this.bidStatus(bid),
      tenderers: [organisationReference(bid.bidder)],
      ...(bid.priceFen === null ? {} : { value: yuan(bid.priceFen) }),
      relatedLots: [bid.sectionCode],
      ...(candidate ? { hasRank: true, rank: candidate.rank } : {}),
    };
  }

  /**
   * Per section: bids and bidders from the opening; valid and disqualified bids and the range of
   * valid prices from the result. Ordered as they became known, so merging keeps this order.
   */
  statistics(bids: readonly OpenedBidFacts[]): Statistic[] {
    const opened: Statistic[] = [];
    const judged: { at: string; statistics: Statistic[] }[] = [];
    for (const section of this.facts.sections) {
      const code = section.code;
      const lines = bids.filter((b) => b.sectionCode === code);
      if (lines.length === 0) continue;
      const stat = (measure: string, value: number, currency?: 'CNY'): Statistic => ({
        id: `${code}-${measure}`,
        measure,
        value,
        ...(currency ? { currency } : {}),
        relatedLot: code,
      });
      opened.push(
        stat('bids', lines.length),
        stat('bidders', new Set(lines.map((b) => b.bidder.creditCode)).size),
        stat('electronicBids', lines.length),
      );
      if (!this.resultPublished(code)) continue;
      const statuses = lines.map((b) => this.bidStatus(b));
      const validPrices = lines
        .filter((b, i) => statuses[i] === 'valid' && b.priceFen !== null)
        .map((b) => yuan(b.priceFen!).amount);
      const statistics = [
        stat('validBids', statuses.filter((s) => s === 'valid').length),
        stat('disqualifiedBids', statuses.filter((s) => s === 'disqualified').length),
      ];
      if (validPrices.length) {
        statistics.push(
          stat('lowestValidBidValue', Math.min(...validPrices), 'CNY'),
          stat('highestValidBidValue', Math.max(...validPrices), 'CNY'),
        );
      }
      judged.push({ at: section.resultPublishedAt!, statistics });
    }
    judged.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    return [...opened, ...judged.flatMap((j) => j.statistics)];
  }

  /**
   * Each section's awards: the one its candidates' publicity proposes (pending), then each award
   * made (active, or cancelled once revoked); in the order they were first published.
   */
  awards(): { award: Award; supplier: OrganisationFacts | null }[] {
    const entries: { award: Award; supplier: OrganisationFacts | null; firstSeen: string }[] = [];
    for (const publicity of this.facts.publicities) {
      if (!this.known(publicity.startsAt)) continue;
      const id = `${publicity.sectionCode}-1`;
      const made = [...this.awardIds].find(([a, awardId]) => awardId === id && this.known(a.awardedAt));
      if (made) continue;
      entries.push({
        award: {
          id,
          title: '中标候选人公示',
          description: `中标候选人公示期：${formatCst(publicity.startsAt)} 至 ${formatCst(publicity.endsAt)}（北京时间）`,
          status: 'pending',
          date: ocdsDate(publicity.startsAt),
          items: [this.item(publicity.sectionCode)],
        },
        supplier: null,
        firstSeen: publicity.startsAt,
      });
    }
    for (const [award, id] of this.awardIds) {
      if (!this.known(award.awardedAt)) continue;
      const revoked = this.known(award.revokedAt);
      const publicity = this.facts.publicities.find((p) => p.sectionCode === award.sectionCode);
      const proposed = id.endsWith('-1') && publicity && atOrBefore(publicity.startsAt, award.awardedAt);
      entries.push({
        award: {
          id,
          title: '中标结果公告',
          description: revoked
            ? '中标人放弃中标、不履行义务或者被查实不符合中标条件，中标已撤销（《招标投标法实施条例》第55条、第74条）'
            : `${formatCst(award.awardedAt)}（北京时间）定标，中标人：${award.supplier.name}`,
          status: revoked ? 'cancelled' : 'active',
          date: ocdsDate(award.awardedAt),
          value: yuan(award.priceFen),
          suppliers: [organisationReference(award.supplier)],
          items: [this.item(award.sectionCode)],
          relatedBid: award.bidId,
          relatedBids: [award.bidId],
        },
        supplier: revoked ? null : award.supplier,
        firstSeen: proposed ? publicity.startsAt : award.awardedAt,
      });
    }
    return entries.sort((a, b) => Date.parse(a.firstSeen) - Date.parse(b.firstSeen));
  }

  contracts(): Contract[] {
    const active = [...this.awardIds].filter(([a]) => this.known(a.awardedAt) && !this.known(a.revokedAt));
    return this.facts.contracts
      .filter((c) => this.known(c.recordedAt))
      .sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt))
      .flatMap((c) => {
        const award = active.find(([a]) => a.sectionCode === c.sectionCode);
        if (!award) return [];
        const [facts, awardId] = award;
        return [
          {
            id: `${c.sectionCode}-contract`,
            awardID: awardId,
            title: `${this.facts.name}（${this.section(c.sectionCode)?.name ?? c.sectionCode}）合同`,
            status: 'active' as const,
            value: yuan(c.amountFen),
            dateSigned: ocdsDate(c.signedAt),
            items: [this.item(c.sectionCode)],
            relatedBids: [facts.bidId],
          },
        ];
      });
  }

  parties(
    bids: readonly OpenedBidFacts[] | null,
    awards: readonly { supplier: OrganisationFacts | null }[],
  ): Party[] {
    const roles = new Map<string, { organisation: OrganisationFacts; roles: Set<PartyRole> }>();
    const add = (organisation: OrganisationFacts, role: PartyRole) => {
      const id = partyId(organisation);
      if (!roles.has(id)) roles.set(id, { organisation, roles: new Set() });
      roles.get(id)!.roles.add(role);
    };
    add(this.facts.tenderer, 'buyer');
    add(this.facts.agency ?? this.facts.tenderer, 'procuringEntity');
    for (const bid of bids ?? []) add(bid.bidder, 'tenderer');
    for (const { supplier } of awards) if (supplier) add(supplier, 'supplier');
    return [...roles.values()].map((p) =>
      party(
        p.organisation,
        ROLE_ORDER.filter((r) => p.roles.has(r)),
      ),
    );
  }

  private status(): Tender['status'] {
    const codes = this.facts.sections.map((s) => s.code);
    const exceptions = this.exceptions();
    const ended = (code: string) => exceptions.find((e) => e.sectionCode === null || e.sectionCode === code);
    const contracted = new Set(
      this.facts.contracts.filter((c) => this.known(c.recordedAt)).map((c) => c.sectionCode),
    );
    if (codes.every((code) => ended(code))) {
      return codes.every((code) => ended(code)!.kind === 'terminated') ? 'cancelled' : 'unsuccessful';
    }
    return codes.every((code) => ended(code) || contracted.has(code)) ? 'complete' : 'active';
  }

  tender(bids: readonly OpenedBidFacts[] | null, earlier: readonly Stage[], stage: Stage): Tender {
    const { facts } = this;
    const methods = [...new Set(facts.sections.map((s) => s.evaluationMethod))];
    const bidders = [...new Map((bids ?? []).map((b) => [partyId(b.bidder), b.bidder])).values()];
    const amendments = [...earlier, stage]
      .map((s, i, all) => ({ s, previous: all[i - 1] }))
      .filter(({ s }) => s.tag === 'tenderAmendment')
      .map(({ s, previous }) => {
        const c = facts.clarifications.find((x) => `amendment-${x.id}` === s.id)!;
        return {
          id: c.id,
          date: ocdsDate(c.publishedAt),
          rationale: c.title,
          description: c.body,
          amendsReleaseID: previous!.id,
          releaseID: s.id,
        };
      });
    const documents: Document[] = [
      {
        id: facts.announcement.id,
        documentType: 'tenderNotice',
        title: facts.announcement.title,
        datePublished: ocdsDate(facts.announcement.publishedAt),
      },
      ...this.exceptions().map((e) => ({
        id: `${e.kind}-${e.id}`,
        documentType: 'cancellationDetails',
        title:
          (e.kind === 'failed' ? '招标失败' : '终止招标') +
          (e.sectionCode ? `（标段 ${e.sectionCode}）` : '') +
          (e.ruleId ? `（${e.ruleId}）` : ''),
        description: e.reason,
        datePublished: ocdsDate(e.recordedAt),
      })),
    ];
    return {
      id: facts.dealCode,
      title: facts.name,
      description: facts.announcement.body,
      status: this.status(),
      procuringEntity: organisationReference(facts.agency ?? facts.tenderer),
      items: facts.sections.map((s) => this.item(s.code)),
      value: yuan(facts.sections.reduce((sum, s) => sum + s.estimatedPriceFen, 0)),
      procurementMethod:
        facts.procedure === 'invited' ? 'limited' : facts.qualification === 'pre' ? 'selective' : 'open',
      procurementMethodDetails:
        facts.procedure === 'invited'
          ? '邀请招标'
          : facts.qualification === 'pre'
            ? '公开招标（资格预审）'
            : '公开招标',
      ...(methods.length === 1
        ? { awardCriteria: methods[0] === 'comprehensive' ? 'ratedCriteria' : 'priceOnly' }
        : {}),
      awardCriteriaDetails:
        methods.length === 1
          ? METHOD_TEXT[methods[0]!]
          : facts.sections.map((s) => `${s.name}：${METHOD_TEXT[s.evaluationMethod]}`).join('；'),
      submissionMethod: ['electronicSubmission'],
      tenderPeriod: {
        startDate: ocdsDate(facts.announcement.documentIssueStart),
        endDate: ocdsDate(this.deadlineAt(this.at)),
      },
      documents,
      ...(amendments.length ? { amendments } : {}),
      ...(bids ? { numberOfTenderers: bidders.length, tenderers: bidders.map(organisationReference) } : {}),
    };
  }
}
