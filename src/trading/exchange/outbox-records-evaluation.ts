import { formatCst } from '../../domain/cst.ts';
import { toCenti } from '../../domain/evaluation/scoring.ts';
import type { BidForm } from '../../domain/tender/bid-form.ts';
import { findingsOf, type ReportCandidate } from '../evaluation/evaluation-report-repository.ts';
import type { OpeningRecordBody } from '../opening-hall/opening-record.ts';
import {
  centiText,
  clip,
  CNY,
  EVALUATION_METHOD,
  organisationOf,
  organisations,
  SHA256,
  sectionByCode,
  sectionById,
  time,
  yuan,
  type Db,
  type RecordsOf,
} from './outbox-records-context.ts';

/** 交易信息 II: the opening, the evaluation and the candidates (506–511, 520). */

type RecordSection = OpeningRecordBody['sections'][number];
type ReadOutStatus = RecordSection['lines'][number]['status'];

/**
 * 投标文件状态 of a read-out line. A bid still pending at the read-out was not decrypted in the
 * window and is shown as failed through its bidder (E7), as the hall shows it.
 */
const BID_STATUS: Readonly<Record<ReadOutStatus, string>> = {
  decrypted: '1',
  pending: '2',
  failed_bidder: '2',
  failed_other: '3',
};

/**
 * 开标地点: the platform opens every tender in its online hall (不见面开标) and records no other
 * place, so the address is the hall's.
 */
const OPENING_HALL = '交易平台电子开标大厅（不见面开标）';

/** 工期 within the range the data sets accept; longer durations are left out rather than cut. */
function timeLimit(days: number | null | undefined): number | undefined {
  return days !== null && days !== undefined && days >= 1 && days <= 3650 ? days : undefined;
}

/** The opening record's part for one section, as text: each bid's line as the hall read it out. */
function openingText(record: OpeningRecordBody, section: RecordSection): string {
  const lines = section.lines.map((line, i) => {
    const said = [
      line.priceYuan !== null ? `投标报价 ${line.priceYuan} 元` : line.bidFormText,
      line.durationDays !== null ? `工期 ${line.durationDays} 日` : null,
      line.qualityCommitment !== null ? `质量 ${line.qualityCommitment}` : null,
      ...(line.requiredItems ?? []).map((item) => `${item.name} ${item.text}`),
    ].filter((part) => part !== null);
    return `${i + 1}. ${line.bidderName}：${[line.statusText, ...said].join('；')}`;
  });
  return [
    `${record.projectName}（${record.dealCode}）${section.name}（${section.code}）开标记录`,
    `开标时间 ${formatCst(record.openedAt)}，唱标时间 ${formatCst(record.readOutAt)}（北京时间）`,
    ...lines,
  ].join('\n');
}

/**
 * 506 开标记录, from `opening.record_published`: one record per opened section (a section that
 * failed before the opening is reported as a tender exception, 517). The digest is that of the
 * whole record's canonical JSON, the one the hall published.
 */
export const openingRecordRecords: RecordsOf = async ({ payload }) => {
  const { sha256, record } = payload as { sha256: string; record: OpeningRecordBody };
  return record.sections
    .filter((s) => s.opened)
    .map((s) => ({
      BID_SECTION_CODE: s.code,
      NOTICE_NAME: clip(`${record.projectName}${s.name}开标记录`, 300),
      BID_OPEN_TIME: time(record.openedAt),
      BID_OPENING_ADDRESS: OPENING_HALL,
      BIDDER_COUNT: s.lines.length,
      OPENING_CONTENT: openingText(record, s),
      RECORD_DIGEST: sha256,
      DIGEST_ALGORITHM: SHA256,
    }));
};

/**
 * 507 投标人名单及报价, from `opening.bidders_published`: one record per bid read out. The payload
 * names bidders only; the opening record (stored once, never changed) gives each line's bid.
 * A decrypted bid whose package held no bid form was read out without a price, and the data set
 * requires one for a decrypted bid: such a bid is left out (its line is in the 506 record).
 */
export const openedBidRecords: RecordsOf = async ({ db, tender }) => {
  const stored = await db
    .selectFrom('openingRecord')
    .select(['body'])
    .where('projectId', '=', tender.project.id)
    .executeTakeFirstOrThrow();
  const record = JSON.parse(stored.body) as OpeningRecordBody;
  const lines = record.sections.filter((s) => s.opened).flatMap((s) => s.lines);
  if (lines.length === 0) return [];
  const bids = await db
    .selectFrom('bid')
    .select(['id', 'bidderOrganisationId', 'submittedAt'])
    .where(
      'id',
      'in',
      lines.map((l) => l.bidId),
    )
    .execute();
  const bidById = new Map(bids.map((b) => [b.id, b]));
  const bidders = await organisations(
    db,
    bids.map((b) => b.bidderOrganisationId),
  );
  return lines.flatMap((line) => {
    const status = BID_STATUS[line.status];
    if (status === '1' && line.priceFen === null) return [];
    const bid = bidById.get(line.bidId)!;
    const bidder = organisationOf(bidders, bid.bidderOrganisationId);
    return [
      {
        BID_SECTION_CODE: line.sectionCode,
        BIDDER_NAME: bidder.name,
        BIDDER_CODE: bidder.creditCode,
        BID_STATUS: status,
        BID_PRICE: line.priceFen === null ? undefined : yuan(line.priceFen),
        CURRENCY_CODE: line.priceFen === null ? undefined : CNY,
        TIME_LIMIT: timeLimit(line.durationDays),
        BID_SUBMIT_TIME: time(bid.submittedAt),
        BID_OPEN_TIME: time(record.openedAt),
      },
    ];
  });
};

/** The section's session and the findings of its final report, neither of which changes once final. */
async function finalEvaluation(db: Db, sectionId: string) {
  const session = await db
    .selectFrom('evaluationSession')
    .select(['id', 'openedAt'])
    .where('sectionId', '=', sectionId)
    .executeTakeFirstOrThrow();
  const report = await db
    .selectFrom('evaluationReport')
    .selectAll()
    .where('sectionId', '=', sectionId)
    .where('status', '=', 'final')
    .executeTakeFirstOrThrow();
  return { session, findings: findingsOf(report) };
}

/**
 * 509 评标报告, from `evaluation.report_finalised`. The evaluation starts when the session opens and
 * ends with the last member's signature (or refusal); the report is submitted when finalised.
 */
export const evaluationReportRecords: RecordsOf = async ({ db, payload, tender }) => {
  const p = payload as { sectionId: string; reportSha256: string; finalisedAt: string };
  const section = sectionById(tender, p.sectionId);
  const { session, findings } = await finalEvaluation(db, section.id);
  const lastSignature = await db
    .selectFrom('evaluationSignature')
    .select('recordedAt')
    .where('sessionId', '=', session.id)
    .orderBy('recordedAt', 'desc')
    .executeTakeFirst();
  return [
    {
      BID_SECTION_CODE: section.code,
      NOTICE_NAME: clip(`${tender.project.name}${section.name}评标报告`, 300),
      EVALUATION_METHOD: EVALUATION_METHOD[findings.method],
      EVALUATION_START_TIME: time(session.openedAt),
      EVALUATION_END_TIME: time(lastSignature?.recordedAt ?? p.finalisedAt),
      SUBMIT_TIME: time(p.finalisedAt),
      EVALUATION_RESULT: findings.candidates.length > 0 ? '1' : '2',
      VALID_BID_COUNT: findings.bids.filter((b) => b.status === 'evaluated').length,
      REPORT_DIGEST: p.reportSha256,
      DIGEST_ALGORITHM: SHA256,
    },
  ];
};

/**
 * 专家编号 in 520: the platform numbers no expert, so the code is the expert's id without its hyphens
 * (a UUID has 36 characters, the field takes 32). 评审因素序号 is the criterion's place (from 1) in
 * the section's criteria.
 */
function expertCode(expertId: string): string {
  return expertId.replaceAll('-', '');
}

/**
 * 520 评标明细, from `evaluation.details_published`: each seated member's score for each scored bid
 * on each criterion the experts score, from their score sheets (frozen with the report). The price
 * criterion is computed, not scored by an expert, and the lowest evaluated price method has no
 * score sheets: neither gives a record.
 */
export const evaluationDetailRecords: RecordsOf = async ({ db, payload, tender }) => {
  const section = sectionById(tender, (payload as { sectionId: string }).sectionId);
  const { session, findings } = await finalEvaluation(db, section.id);
  const criteria = (JSON.parse(section.criteria) as { name: string }[]).map((c) => c.name);
  const members = new Map(findings.committee.map((m) => [m.expertId, m.name]));
  const scored = new Map(
    findings.bids.filter((b) => b.status === 'evaluated').map((b) => [b.bidId, b.bidderOrganisationId]),
  );
  const bidders = await organisations(db, [...scored.values()]);
  const sheets = await db
    .selectFrom('evaluationScoreSheet')
    .select(['expertId', 'entries', 'savedAt'])
    .where('sessionId', '=', session.id)
    .orderBy('expertId')
    .execute();
  return sheets.flatMap((sheet) => {
    const name = members.get(sheet.expertId);
    if (name === undefined) return [];
    const entries = JSON.parse(sheet.entries) as { bidId: string; criterion: string; points: number }[];
    return entries.flatMap((entry) => {
      const organisationId = scored.get(entry.bidId);
      const item = criteria.indexOf(entry.criterion);
      const centi = toCenti(entry.points);
      if (organisationId === undefined || item < 0 || centi === null) return [];
      const bidder = organisationOf(bidders, organisationId);
      return [
        {
          BID_SECTION_CODE: section.code,
          EXPERT_CODE: expertCode(sheet.expertId),
          EXPERT_NAME: name,
          BIDDER_NAME: bidder.name,
          BIDDER_CODE: bidder.creditCode,
          ITEM_NO: item + 1,
          ITEM_NAME: entry.criterion,
          SCORE: centiText(centi),
          SCORE_TIME: time(sheet.savedAt),
        },
      ];
    });
  });
};

/**
 * 510 中标候选人, from `award.candidates`: one record per candidate as published (the publicity
 * keeps the candidates with their bids); the offered duration from the candidate's bid form.
 */
export const candidateRecords: RecordsOf = async ({ db, row, tender }) => {
  const section = sectionById(tender, row.aggregateId);
  const publicity = await db
    .selectFrom('awardPublicity')
    .select('candidates')
    .where('sectionId', '=', section.id)
    .executeTakeFirstOrThrow();
  const candidates = JSON.parse(publicity.candidates) as ReportCandidate[];
  if (candidates.length === 0) return [];
  const forms = await db
    .selectFrom('bid')
    .select(['id', 'bidForm'])
    .where(
      'id',
      'in',
      candidates.map((c) => c.bidId),
    )
    .execute();
  const durationOf = new Map(
    forms.map((b) => [b.id, b.bidForm ? (JSON.parse(b.bidForm) as BidForm).durationDays : undefined]),
  );
  const bidders = await organisations(
    db,
    candidates.map((c) => c.bidderOrganisationId),
  );
  return candidates.map((c) => {
    const bidder = organisationOf(bidders, c.bidderOrganisationId);
    return {
      BID_SECTION_CODE: section.code,
      WIN_CANDIDATE_ORDER: c.rank,
      BIDDER_NAME: bidder.name,
      BIDDER_CODE: bidder.creditCode,
      BID_PRICE: yuan(c.priceFen),
      CURRENCY_CODE: CNY,
      EVALUATED_PRICE: c.evaluatedPriceFen === null ? undefined : yuan(c.evaluatedPriceFen),
      EVALUATION_SCORE: c.score === null ? undefined : centiText(c.score),
      TIME_LIMIT: timeLimit(durationOf.get(c.bidId)),
    };
  });
};

/** 511 中标候选人公示, from `award.candidates_published`: the publicity's text and period. */
export const publicityRecords: RecordsOf = async ({ payload, tender }) => {
  const p = payload as { sectionCode: string; body: string; startsAt: string; endsAt: string };
  const section = sectionByCode(tender, p.sectionCode);
  return [
    {
      BID_SECTION_CODE: section.code,
      NOTICE_NAME: clip(`${tender.project.name}${section.name}中标候选人公示`, 300),
      NOTICE_CONTENT: p.body,
      PUBLICITY_START_TIME: time(p.startsAt),
      PUBLICITY_END_TIME: time(p.endsAt),
    },
  ];
};
