import { fenFromYuan, isAmount } from '../../exchange/amounts.ts';
import { dataSetSchema } from '../../exchange/data-sets.ts';
import { parseInstant } from '../../exchange/instants.ts';
import type {
  AnnouncementFacts,
  AwardFacts,
  ClarificationFacts,
  ContractFacts,
  ExceptionFacts,
  OpenedBidFacts,
  OpeningFacts,
  OrganisationFacts,
  PublicityFacts,
  SectionFacts,
  TenderFacts,
} from '../../exchange/ocds/tender-facts.ts';
import { recordKeyOf, type ExchangeRecord } from '../../exchange/validate-record.ts';

/** A data-set record of one tender as the hub received it: `feedSeq` orders the hub's inbox. */
export interface ReceivedRecord {
  readonly feedSeq: number;
  readonly dataSetCode: string;
  readonly record: ExchangeRecord;
}

/** The data sets the OCDS facts are read from; the others (committee, scores, guarantees…) never are. */
export const OCDS_DATA_SETS = [
  '501',
  '502',
  '503',
  '504',
  '505',
  '506',
  '507',
  '510',
  '511',
  '512',
  '513',
  '517',
] as const;

/** The data sets that publish a tender: it is listed from the first one the hub received. */
export const ANNOUNCEMENT_DATA_SETS = ['503', '505'] as const;

const EVALUATION_METHOD: Readonly<Record<string, SectionFacts['evaluationMethod']>> = {
  '1': 'lowest_price',
  '2': 'comprehensive',
};

const DECRYPTION: Readonly<Record<string, OpenedBidFacts['decryption']>> = {
  '1': 'decrypted',
  '2': 'failed_bidder',
  '3': 'failed_other',
};

/**
 * A bid has no identifier in the data sets: a section takes one bid per bidder, so the section
 * code and the bidder's credit code (507's natural key) name it, in the opening, the candidates
 * (510) and the award (513) alike.
 */
export function bidIdOf(sectionCode: string, bidderCode: string): string {
  return `${sectionCode}-${bidderCode}`;
}

/**
 * The `TenderFacts` of one tender (`dealCode`, its unified deal code) from the records the hub
 * received for it, or null while it has no tender project (501), section (502) or announcement or
 * invitation (503, 505). Only public fields are read: a data set's supervisors-only fields are dropped first.
 * A newer record of the same natural key replaces an older one, except the result announcement
 * (513), whose every version counts (see `awardsOf`).
 *
 * What the records do not carry, and how it is filled:
 * - a bid's id: `bidIdOf` (section and bidder);
 * - the opening's read-out time: the opening time the opening record (506) states, or else the
 *   bidders' records (507) do; the read-out follows it, and nothing before the deadline is shown;
 * - the evaluation's verdict on each bid (valid, rejected): not exchanged (509 has only a count),
 *   so no bid's review is stated and `resultPublishedAt` is null — bids stay `pending` unless their
 *   decryption failed, and the statistics of valid bids are left out;
 * - an exception's id and rule: the section code (or `tender`) and none; its text states the rule;
 * - when a contract was published: its signing time (512 records no other);
 * - the organisations' regions, and the failed tender a re-tender replaces: unknown, left out;
 * - an invited tender's announcement is its invitation (505), whose text goes to supervisors
 *   only: its title stands for the text.
 */
export function tenderFactsFromRecords(
  dealCode: string,
  received: readonly ReceivedRecord[],
): TenderFacts | null {
  const inOrder = [...received]
    .filter((r) => r.record.UNIFIED_DEAL_CODE === dealCode)
    .sort((a, b) => a.feedSeq - b.feedSeq)
    .map((r) => ({ ...r, record: publicFields(r.dataSetCode, r.record) }));
  const current = latestByKey(inOrder);
  const of = (code: string) => current.filter((r) => r.dataSetCode === code).map((r) => r.record);

  const project = of('501').at(-1);
  const announcement = announcementOf(of('503'), of('505'));
  const sections = sectionsOf(of('502'));
  if (!project || !announcement || sections.length === 0) return null;
  const agencyCode = text(project, 'TENDER_AGENCY_CODE');
  const agencyName = text(project, 'TENDER_AGENCY_NAME');
  return {
    dealCode,
    name: text(project, 'TENDER_PROJECT_NAME') ?? dealCode,
    procedure: project.TENDER_MODE === '2' ? 'invited' : 'open',
    qualification: project.QUALIFICATION_MODE === '1' ? 'pre' : 'post',
    tenderer: organisation(text(project, 'TENDERER_CODE') ?? '', text(project, 'TENDERER_NAME') ?? ''),
    agency: agencyCode && agencyName ? organisation(agencyCode, agencyName) : null,
    announcement,
    sections,
    clarifications: clarificationsOf(of('504')),
    opening: openingOf(of('506'), of('507')),
    exceptions: exceptionsOf(of('517')),
    publicities: publicitiesOf(of('511'), of('510')),
    awards: awardsOf(inOrder.filter((r) => r.dataSetCode === '513').map((r) => r.record)),
    contracts: contractsOf(of('512')),
    retenderOf: null,
  };
}

/** The record without the fields its data set gives to supervisors only. */
function publicFields(dataSetCode: string, record: ExchangeRecord): ExchangeRecord {
  const hidden = (dataSetSchema(dataSetCode)?.fields ?? []).filter((f) => f.access === 'supervisors');
  if (!hidden.some((f) => f.name in record)) return record;
  const kept: Record<string, ExchangeRecord[string]> = { ...record };
  for (const field of hidden) delete kept[field.name];
  return kept;
}

/** Per data set and natural key, the last record received, kept in the order first received. */
function latestByKey(records: readonly ReceivedRecord[]): ReceivedRecord[] {
  const latest = new Map<string, ReceivedRecord>();
  for (const r of records) {
    const schema = dataSetSchema(r.dataSetCode);
    const key = schema ? recordKeyOf(schema, r.record) : null;
    const id = `${r.dataSetCode}\u0000${(key ?? [String(r.feedSeq)]).join('\u0000')}`;
    const first = latest.get(id);
    latest.set(id, first ? { ...r, feedSeq: first.feedSeq } : r);
  }
  return [...latest.values()].sort((a, b) => a.feedSeq - b.feedSeq);
}

function text(record: ExchangeRecord, field: string): string | null {
  const value = record[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** An instant of the record as ISO 8601 UTC, or null when absent or not an instant. */
function instant(record: ExchangeRecord, field: string): string | null {
  const value = text(record, field);
  const at = value === null ? null : parseInstant(value);
  return at === null ? null : new Date(at).toISOString();
}

function fen(record: ExchangeRecord, field: string): number | null {
  const value = text(record, field);
  return value !== null && isAmount(value) ? fenFromYuan(value) : null;
}

function organisation(creditCode: string, name: string): OrganisationFacts {
  return { creditCode, name, region: null };
}

const byInstant =
  <T>(at: (item: T) => string) =>
  (a: T, b: T) =>
    Date.parse(at(a)) - Date.parse(at(b));

/**
 * The announcement in force, the latest published: a tender announcement or pre-qualification
 * announcement (503, by kind), or for an invited tender the invitation (505, one per invitee, all
 * with the same title and schedule).
 */
function announcementOf(
  bulletins: readonly ExchangeRecord[],
  invitations: readonly ExchangeRecord[],
): AnnouncementFacts | null {
  const candidates: AnnouncementFacts[] = [];
  for (const b of bulletins) {
    const fact = announcementFact(b, `503-${text(b, 'BULLETIN_TYPE') ?? '1'}`, 'NOTICE_SEND_TIME');
    if (fact) candidates.push({ ...fact, body: text(b, 'NOTICE_CONTENT') ?? fact.title });
  }
  const invitation = invitations[0];
  if (invitation) {
    const fact = announcementFact(invitation, '505', 'SEND_TIME');
    if (fact) candidates.push(fact);
  }
  return candidates.sort(byInstant((a) => a.publishedAt)).at(-1) ?? null;
}

function announcementFact(record: ExchangeRecord, id: string, sentField: string): AnnouncementFacts | null {
  const title = text(record, 'NOTICE_NAME');
  const publishedAt = instant(record, sentField);
  const documentIssueStart = instant(record, 'DOC_GET_START_TIME');
  const bidDeadline = instant(record, 'BID_DOC_REFER_END_TIME');
  if (!title || !publishedAt || !documentIssueStart || !bidDeadline) return null;
  return { id, title, body: title, publishedAt, documentIssueStart, bidDeadline };
}

function sectionsOf(records: readonly ExchangeRecord[]): SectionFacts[] {
  return records
    .flatMap((s): SectionFacts[] => {
      const code = text(s, 'BID_SECTION_CODE');
      const method = EVALUATION_METHOD[text(s, 'EVALUATION_METHOD') ?? ''];
      if (!code || !method) return [];
      return [
        {
          code,
          name: text(s, 'BID_SECTION_NAME') ?? code,
          estimatedPriceFen: fen(s, 'CONTRACT_RECKON_PRICE') ?? 0,
          evaluationMethod: method,
          resultPublishedAt: null,
        },
      ];
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

function clarificationsOf(records: readonly ExchangeRecord[]): ClarificationFacts[] {
  return records
    .flatMap((c): ClarificationFacts[] => {
      const id = text(c, 'CLARIFY_CODE');
      const publishedAt = instant(c, 'NOTICE_SEND_TIME');
      if (!id || !publishedAt) return [];
      return [
        {
          id,
          title: text(c, 'NOTICE_NAME') ?? id,
          body: text(c, 'NOTICE_CONTENT') ?? '',
          publishedAt,
          newBidDeadline: instant(c, 'NEW_BID_DOC_REFER_END_TIME'),
        },
      ];
    })
    .sort(byInstant((c) => c.publishedAt));
}

/** The opening, once an opening record (506) or a bidder read out (507) arrived. */
function openingOf(
  records: readonly ExchangeRecord[],
  bidders: readonly ExchangeRecord[],
): OpeningFacts | null {
  const times = [...records, ...bidders]
    .map((r) => instant(r, 'BID_OPEN_TIME'))
    .filter((t): t is string => t !== null)
    .sort(byInstant((t) => t));
  const readOutAt = times[0];
  if (!readOutAt) return null;
  const bids = bidders.flatMap((b): OpenedBidFacts[] => {
    const sectionCode = text(b, 'BID_SECTION_CODE');
    const bidderCode = text(b, 'BIDDER_CODE');
    const submittedAt = instant(b, 'BID_SUBMIT_TIME');
    const decryption = DECRYPTION[text(b, 'BID_STATUS') ?? ''];
    if (!sectionCode || !bidderCode || !submittedAt || !decryption) return [];
    return [
      {
        id: bidIdOf(sectionCode, bidderCode),
        sectionCode,
        bidder: organisation(bidderCode, text(b, 'BIDDER_NAME') ?? bidderCode),
        submittedAt,
        decryption,
        priceFen: decryption === 'decrypted' ? fen(b, 'BID_PRICE') : null,
        review: null,
      },
    ];
  });
  return { readOutAt, bids };
}

function exceptionsOf(records: readonly ExchangeRecord[]): ExceptionFacts[] {
  return records
    .flatMap((e): ExceptionFacts[] => {
      const recordedAt = instant(e, 'EXCEPTION_TIME');
      if (!recordedAt) return [];
      const sectionCode = text(e, 'BID_SECTION_CODE');
      return [
        {
          id: sectionCode ?? 'tender',
          sectionCode,
          kind: e.EXCEPTION_TYPE === '2' ? 'terminated' : 'failed',
          ruleId: null,
          reason: text(e, 'EXCEPTION_REASON') ?? text(e, 'EXCEPTION_NAME') ?? '',
          recordedAt,
        },
      ];
    })
    .sort(byInstant((e) => e.recordedAt));
}

/** Each section's publicity (511) with its candidates (510) by rank. */
function publicitiesOf(
  publicities: readonly ExchangeRecord[],
  candidates: readonly ExchangeRecord[],
): PublicityFacts[] {
  return publicities
    .flatMap((p): PublicityFacts[] => {
      const sectionCode = text(p, 'BID_SECTION_CODE');
      const startsAt = instant(p, 'PUBLICITY_START_TIME');
      const endsAt = instant(p, 'PUBLICITY_END_TIME');
      if (!sectionCode || !startsAt || !endsAt) return [];
      const ranked = candidates
        .filter((c) => c.BID_SECTION_CODE === sectionCode && typeof c.WIN_CANDIDATE_ORDER === 'number')
        .flatMap((c) => {
          const bidderCode = text(c, 'BIDDER_CODE');
          return bidderCode
            ? [{ rank: c.WIN_CANDIDATE_ORDER as number, bidId: bidIdOf(sectionCode, bidderCode) }]
            : [];
        })
        .sort((a, b) => a.rank - b.rank);
      return [{ sectionCode, startsAt, endsAt, candidates: ranked }];
    })
    .sort(byInstant((p) => p.startsAt));
}

/**
 * The awards, from every version of each section's result announcement (513), in the order
 * received. The data set has no field for a revocation: a section's result announcement sent again
 * for the award in force (same winner, same award letter time) with 撤销 in its title revokes it
 * (条例 55, 74), as the transaction platform sends it, at its publication time. Sent again without,
 * it corrects that award; an announcement of another award replaces an award in force (a
 * correction) and follows a revoked one (the next award).
 */
function awardsOf(results: readonly ExchangeRecord[]): AwardFacts[] {
  const awards: AwardFacts[] = [];
  for (const r of results) {
    const sectionCode = text(r, 'BID_SECTION_CODE');
    const winnerCode = text(r, 'WIN_BIDDER_CODE');
    const priceFen = fen(r, 'BID_AMOUNT');
    const sentAt = instant(r, 'NOTICE_SEND_TIME');
    const awardedAt = instant(r, 'WIN_NOTICE_SEND_TIME') ?? sentAt;
    if (!sectionCode || !winnerCode || priceFen === null || !sentAt || !awardedAt) continue;
    const award: AwardFacts = {
      sectionCode,
      bidId: bidIdOf(sectionCode, winnerCode),
      supplier: organisation(winnerCode, text(r, 'WIN_BIDDER_NAME') ?? winnerCode),
      priceFen,
      awardedAt,
      revokedAt: null,
    };
    const index = awards.findLastIndex((a) => a.sectionCode === sectionCode);
    const last = index < 0 ? undefined : awards[index];
    if (!last || last.revokedAt !== null) {
      awards.push(award);
      continue;
    }
    const same = last.bidId === award.bidId && Date.parse(last.awardedAt) === Date.parse(awardedAt);
    const revokes = same && (text(r, 'NOTICE_NAME') ?? '').includes('撤销');
    awards[index] = revokes ? { ...last, revokedAt: sentAt } : award;
  }
  return awards;
}

/** The contract of each section (the latest received, when a section has several). */
function contractsOf(records: readonly ExchangeRecord[]): ContractFacts[] {
  const bySection = new Map<string, ContractFacts>();
  for (const c of records) {
    const sectionCode = text(c, 'BID_SECTION_CODE');
    const amountFen = fen(c, 'CONTRACT_AMOUNT');
    const signedAt = instant(c, 'CONTRACT_SIGN_TIME');
    if (!sectionCode || amountFen === null || !signedAt) continue;
    bySection.set(sectionCode, { sectionCode, amountFen, signedAt, recordedAt: signedAt });
  }
  return [...bySection.values()].sort(byInstant((c) => c.recordedAt));
}
