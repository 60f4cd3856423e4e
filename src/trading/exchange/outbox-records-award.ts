import { formatCst } from '../../domain/cst.ts';
import { fenToYuanText } from '../../domain/tender/bid-form.ts';
import {
  clip,
  CNY,
  organisationOf,
  organisations,
  SHA256,
  sectionByCode,
  sectionById,
  time,
  yuan,
  type Db,
  type RecordsOf,
  type SectionRow,
  type TenderContext,
} from './outbox-records-context.ts';

/** 交易信息 III: the result, the contract, guarantees and exceptions (512, 513, 517, 523). */

/** The result announcement as `award.result_announced` writes it; `award.result_revoked` adds the revocation. */
interface ResultPayload {
  readonly winnerName: string;
  readonly priceFen: number;
  readonly awardedAt: string;
  readonly revoked?: true;
  readonly ground?: string;
  readonly revokedAt?: string;
}

/** How the revocation notice states each ground (revoke-award.ts, 条例 55, 74). */
const REVOCATION_GROUND: Readonly<Record<string, string>> = {
  gave_up: '放弃中标',
  not_signed: '无正当理由不与招标人订立合同',
  no_performance_bond: '未按照招标文件要求提交履约保证金',
  ineligible: '被查实不符合中标条件',
};

/** The organisation awarded at `awardedAt`: the award in force, or the one revoked since. */
async function awardedOrganisationId(db: Db, sectionId: string, awardedAt: string): Promise<string> {
  const current = await db
    .selectFrom('awardDecision')
    .select('bidderOrganisationId')
    .where('sectionId', '=', sectionId)
    .where('awardedAt', '=', awardedAt)
    .executeTakeFirst();
  if (current) return current.bidderOrganisationId;
  const revoked = await db
    .selectFrom('awardRevocation')
    .select('bidderOrganisationId')
    .where('sectionId', '=', sectionId)
    .where('awardedAt', '=', awardedAt)
    .executeTakeFirstOrThrow();
  return revoked.bidderOrganisationId;
}

/**
 * The result announcement's text: the award keeps its facts, not a text, so the text states them —
 * or, for a revoked award, the revocation.
 */
function resultText(tender: TenderContext, section: SectionRow, r: ResultPayload): string {
  const award =
    `中标人 ${r.winnerName}，中标价 ${fenToYuanText(r.priceFen)} 元，` +
    `中标通知书于 ${formatCst(r.awardedAt)}（北京时间）发出`;
  const head = `${tender.project.name}（${tender.project.dealCode}）${section.name}（${section.code}）`;
  if (!r.revoked) return `${head}中标结果：${award}。`;
  const ground = REVOCATION_GROUND[r.ground ?? ''] ?? r.ground;
  return (
    `${head}撤销中标：原${award}；因中标人${ground}（《招标投标法实施条例》第55条、第74条），` +
    `招标人于 ${formatCst(r.revokedAt!)}（北京时间）撤销该中标决定。`
  );
}

/**
 * 513 中标结果公告, from `award.result_announced`, and from `award.result_revoked`: a revocation
 * updates the section's result announcement (the same natural key), stating it in its title and
 * text and keeping the revoked winner; the next award sends its own.
 */
export const awardResultRecords: RecordsOf = async ({ db, row, payload, tender }) => {
  const r = payload as ResultPayload;
  const section = sectionById(tender, row.aggregateId);
  const winnerId = await awardedOrganisationId(db, section.id, r.awardedAt);
  const winner = organisationOf(await organisations(db, [winnerId]), winnerId);
  const title = r.revoked ? '中标结果撤销公告' : '中标结果公告';
  return [
    {
      BID_SECTION_CODE: section.code,
      NOTICE_NAME: clip(`${tender.project.name}${section.name}${title}`, 300),
      NOTICE_CONTENT: resultText(tender, section, r),
      NOTICE_SEND_TIME: time(r.revokedAt ?? r.awardedAt),
      WIN_BIDDER_NAME: r.winnerName,
      WIN_BIDDER_CODE: winner.creditCode,
      BID_AMOUNT: yuan(r.priceFen),
      CURRENCY_CODE: CNY,
      WIN_NOTICE_SEND_TIME: time(r.awardedAt),
    },
  ];
};

/** What `award.contract_signed` and `award.performance_bond` both carry. */
interface ContractFacts {
  readonly sectionCode: string;
  readonly winnerOrganisationId: string;
  readonly amountFen: number;
}

/**
 * 合同编号: the platform records one contract per section and numbers it no further, so the
 * section code names it; the performance bond, recorded with it, is named after it.
 */
const contractCode = (section: SectionRow): string => section.code;
const performanceBondCode = (section: SectionRow): string => `${section.code}-PB`;

/**
 * 512 合同, from `award.contract_signed`. The award notice was sent at the award in force (a
 * contract is recorded only for it, and an award with a contract is never revoked).
 */
export const contractRecords: RecordsOf = async ({ db, payload, tender }) => {
  const c = payload as ContractFacts & { signedAt: string; fileSha256: string };
  const section = sectionByCode(tender, c.sectionCode);
  const winner = organisationOf(await organisations(db, [c.winnerOrganisationId]), c.winnerOrganisationId);
  const award = await db
    .selectFrom('awardDecision')
    .select('awardedAt')
    .where('sectionId', '=', section.id)
    .executeTakeFirst();
  return [
    {
      BID_SECTION_CODE: section.code,
      CONTRACT_CODE: contractCode(section),
      CONTRACT_NAME: clip(`${tender.project.name}${section.name}合同`, 200),
      WIN_BIDDER_NAME: winner.name,
      WIN_BIDDER_CODE: winner.creditCode,
      CONTRACT_AMOUNT: yuan(c.amountFen),
      CURRENCY_CODE: CNY,
      WIN_NOTICE_SEND_TIME: award ? time(award.awardedAt) : undefined,
      CONTRACT_SIGN_TIME: time(c.signedAt),
      CONTRACT_DIGEST: c.fileSha256,
      DIGEST_ALGORITHM: SHA256,
    },
  ];
};

/**
 * 523 担保, from `award.performance_bond`: the winner's performance bond, in force. The platform
 * records its amount with the contract and nothing of its form or issuer, so it is reported as
 * given by cash or transfer (1, the one form that names no guarantor) at the contract's signing,
 * which the bond precedes or accompanies (条例 58).
 */
export const guaranteeRecords: RecordsOf = async ({ db, payload, tender }) => {
  const b = payload as ContractFacts;
  const section = sectionByCode(tender, b.sectionCode);
  const winner = organisationOf(await organisations(db, [b.winnerOrganisationId]), b.winnerOrganisationId);
  const contract = await db
    .selectFrom('awardContract')
    .select('signedAt')
    .where('sectionId', '=', section.id)
    .executeTakeFirstOrThrow();
  return [
    {
      BID_SECTION_CODE: section.code,
      GUARANTEE_CODE: performanceBondCode(section),
      GUARANTEE_TYPE: '2',
      GUARANTEE_FORM: '1',
      PRINCIPAL_NAME: winner.name,
      PRINCIPAL_CODE: winner.creditCode,
      AMOUNT: yuan(b.amountFen),
      CURRENCY_CODE: CNY,
      ISSUE_TIME: time(contract.signedAt),
      GUARANTEE_STATUS: '1',
    },
  ];
};

/** `tender.failed` / `tender.terminated` of a recorded exception (record-tender-exception.ts). */
interface ExceptionPayload {
  readonly exceptionId: string;
  readonly sectionCode: string | null;
  readonly kind: 'failed' | 'terminated';
  readonly reason: string;
  readonly recordedAt: string;
}

/** `tender.failed` of a pre-qualification with too few qualified applicants (C2, publish-prequalification.ts). */
interface PrequalificationFailure {
  readonly reason: 'C2';
  readonly article: string;
  readonly limit: number;
  readonly qualifiedCount: number;
  readonly failedAt: string;
}

/**
 * 517 招标异常, from `tender.failed` and `tender.terminated`: of one section, or without a section
 * code of the whole tender. A failed pre-qualification carries its rule's facts, not a reason:
 * the reason is stated from them. Whether the tender is tendered again is not known yet when it
 * fails, so RETENDER is left out.
 */
export const exceptionRecords: RecordsOf = async ({ payload, tender }) => {
  const e = payload as ExceptionPayload | PrequalificationFailure;
  if (!('exceptionId' in e)) {
    return [
      {
        EXCEPTION_TYPE: '1',
        EXCEPTION_NAME: clip(`${tender.project.name}招标失败报告`, 300),
        EXCEPTION_REASON:
          `通过资格预审的申请人少于 ${e.limit} 个（实为 ${e.qualifiedCount} 个），` +
          `招标失败，依法重新招标（${e.article}）。`,
        EXCEPTION_TIME: time(e.failedAt),
      },
    ];
  }
  const section = e.sectionCode === null ? null : sectionByCode(tender, e.sectionCode);
  const what = e.kind === 'terminated' ? '招标终止' : '招标失败';
  return [
    {
      BID_SECTION_CODE: section?.code,
      EXCEPTION_TYPE: e.kind === 'terminated' ? '2' : '1',
      EXCEPTION_NAME: clip(`${tender.project.name}${section?.name ?? ''}${what}报告`, 300),
      EXCEPTION_REASON: clip(e.reason, 4000),
      EXCEPTION_TIME: time(e.recordedAt),
    },
  ];
};
