import type { ClarificationDto } from '../../domain/schemas/document-schemas.ts';
import {
  CNY,
  EVALUATION_METHOD,
  industryCodeOf,
  organisationOf,
  organisations,
  regionCodeOf,
  sectionById,
  sectionClassOf,
  time,
  yesNo,
  yuan,
  type RecordFields,
  type RecordsOf,
} from './outbox-records-context.ts';

/** 交易信息 I: what the tender publishes before its bid deadline (501–505). */

const TENDER_MODE: Readonly<Record<string, string>> = { open: '1', invited: '2' };
const QUALIFICATION_MODE: Readonly<Record<string, string>> = { pre: '1', post: '2' };

/** 501 招标项目, from `project.published`. */
export const tenderProjectRecords: RecordsOf = async ({ tender, identity }) => {
  const { project, tenderer, agency } = tender;
  return [
    {
      TENDER_PROJECT_NAME: project.name,
      TENDER_PROJECT_TYPE: industryCodeOf(project.industry),
      REGION_CODE: regionCodeOf(tender, identity),
      TENDERER_NAME: tenderer.name,
      TENDERER_CODE: tenderer.creditCode,
      TENDER_ORGANIZE_FORM: agency ? '2' : '1',
      TENDER_AGENCY_NAME: agency?.name,
      TENDER_AGENCY_CODE: agency?.creditCode,
      TENDER_MODE: TENDER_MODE[project.procedure],
      QUALIFICATION_MODE: QUALIFICATION_MODE[project.qualification],
      IS_TO_LAW: yesNo(project.mustTender),
      STATE_FUNDED: yesNo(project.stateFunded),
      CREATE_TIME: time(project.createdAt),
    },
  ];
};

/** 502 标段（包）, from `section.published`: the section's stored amounts in fen, never its reference price. */
export const sectionRecords: RecordsOf = async ({ row, tender }) => {
  const section = sectionById(tender, row.aggregateId);
  return [
    {
      BID_SECTION_CODE: section.code,
      BID_SECTION_NAME: section.name,
      BID_SECTION_CLASSIFY_CODE: sectionClassOf(section.name, tender.project.name),
      CONTRACT_RECKON_PRICE: yuan(section.estimatedPriceFen),
      CONTROL_PRICE: section.controlPriceFen === null ? undefined : yuan(section.controlPriceFen),
      BID_BOND: yuan(section.bidBondFen),
      CURRENCY_CODE: CNY,
      EVALUATION_METHOD: EVALUATION_METHOD[section.evaluationMethod],
      BID_VALIDITY_DAYS: Number(section.bidValidityDays),
      CREATE_TIME: time(section.createdAt),
    },
  ];
};

/** The announcement as `project.published` writes it (the public announcement view). */
interface AnnouncementPayload {
  readonly kind: 'tender' | 'prequalification' | 'invitation';
  readonly title: string;
  readonly body: string;
  readonly documentIssueStart: string;
  readonly documentIssueEnd: string;
  readonly bidDeadline: string;
  readonly openingAt: string;
  readonly prequalificationDeadline: string | null;
  readonly objectionContact: string;
  readonly publishedAt: string;
}

function schedule(a: AnnouncementPayload): RecordFields {
  return {
    DOC_GET_START_TIME: time(a.documentIssueStart),
    DOC_GET_END_TIME: time(a.documentIssueEnd),
    BID_DOC_REFER_END_TIME: time(a.bidDeadline),
    BID_OPEN_TIME: time(a.openingAt),
  };
}

/** 503 招标公告或资格预审公告, from `announcement.published`: it concerns every section. */
export const announcementRecords: RecordsOf = async ({ payload, tender }) => {
  const a = payload as AnnouncementPayload;
  return [
    {
      BID_SECTION_CODES: tender.sections.map((s) => s.code),
      BULLETIN_TYPE: a.kind === 'prequalification' ? '2' : '1',
      NOTICE_NAME: a.title,
      NOTICE_CONTENT: a.body,
      NOTICE_SEND_TIME: time(a.publishedAt),
      ...schedule(a),
      PREQUAL_APPLY_END_TIME: a.prequalificationDeadline ? time(a.prequalificationDeadline) : undefined,
      OBJECTION_CONTACT: a.objectionContact,
    },
  ];
};

/**
 * 505 投标邀请书, from `announcement.published` of an invited tender: one record per invitee. The
 * payload leaves the invitees out (they are not public); the announcement row keeps them, fixed
 * since publication.
 */
export const invitationRecords: RecordsOf = async ({ db, row, payload, tender }) => {
  const a = payload as AnnouncementPayload;
  const stored = await db
    .selectFrom('announcement')
    .select('invitedOrganisationIds')
    .where('id', '=', row.aggregateId)
    .executeTakeFirstOrThrow();
  const ids = JSON.parse(stored.invitedOrganisationIds) as string[];
  const invitees = await organisations(db, ids);
  return ids.map((id) => {
    const invitee = organisationOf(invitees, id);
    return {
      BID_SECTION_CODES: tender.sections.map((s) => s.code),
      INVITEE_NAME: invitee.name,
      INVITEE_CODE: invitee.creditCode,
      NOTICE_NAME: a.title,
      NOTICE_CONTENT: a.body,
      SEND_TIME: time(a.publishedAt),
      ...schedule(a),
    };
  });
};

/** A clarification as `clarification.published` writes it: the clarification and the schedule after it. */
interface ClarificationPayload extends ClarificationDto {
  readonly openingAt: string;
}

/**
 * 504 澄清或修改, from `clarification.published` (a clarification, or the schedule moved after an
 * objection's pause). It is an amendment (2) when it changes the documents or the schedule, a
 * clarification (1) otherwise. It concerns every section, so names none.
 */
export const clarificationRecords: RecordsOf = async ({ payload }) => {
  const c = payload as ClarificationPayload;
  const amends =
    c.documentVersionIds.length > 0 || c.newBidDeadline !== null || c.newPrequalificationDeadline !== null;
  return [
    {
      CLARIFY_CODE: c.id,
      CLARIFY_TYPE: amends ? '2' : '1',
      NOTICE_NAME: c.title,
      NOTICE_CONTENT: c.body,
      NOTICE_SEND_TIME: time(c.publishedAt),
      NEW_BID_DOC_REFER_END_TIME: c.newBidDeadline ? time(c.newBidDeadline) : undefined,
      // The opening is at the bid deadline (T6): it moves with it.
      NEW_BID_OPEN_TIME: c.newBidDeadline ? time(c.openingAt) : undefined,
    },
  ];
};
