import { AppError } from '../../domain/errors.ts';
import type { BidForm } from '../../domain/tender/bid-form.ts';
import {
  type DecryptionStatus,
  decryptionStatusAt,
  decryptionWindow,
  type DecryptionWindow,
} from '../../domain/tender/decryption-rules.ts';
import { readOutItemsOf } from '../projects/project-views.ts';
import type { TradingDb, TradingTrx } from '../schema.ts';
import type { HallParticipant } from './hall-access.ts';

/** Each current bid of the project with what the opening shows of it, status as of `now`. */
export async function hallBidsOf(
  db: TradingDb | TradingTrx,
  projectId: string,
  window: DecryptionWindow,
  now: Date,
) {
  const rows = await db
    .selectFrom('bid as b')
    .innerJoin('tenderSection as s', 's.id', 'b.sectionId')
    .innerJoin('organisation as o', 'o.id', 'b.bidderOrganisationId')
    .leftJoin('auditEvent as e', (join) =>
      join
        .onRef('e.objectId', '=', 'b.id')
        .on('e.objectType', '=', 'bid')
        .on('e.action', '=', 'bid.submitted'),
    )
    .select([
      'b.id as bidId',
      'e.leafIndex as ledgerLeafIndex',
      'b.sectionId',
      's.code as sectionCode',
      's.name as sectionName',
      's.readOutItems',
      'b.bidderOrganisationId',
      'o.name as bidderName',
      'b.decryptionStatus',
      'b.decryptedBy',
      'b.decryptedAt',
      'b.bidFormStatus',
      'b.bidForm',
      'b.bidFormProblem',
    ])
    .where('b.projectId', '=', projectId)
    .where('b.status', '=', 'current')
    .orderBy('s.code')
    .orderBy('b.submittedAt')
    .orderBy('b.id')
    .execute();
  return rows.map((row) => ({
    ...row,
    ledgerLeafIndex: row.ledgerLeafIndex === null ? null : Number(row.ledgerLeafIndex),
    status: decryptionStatusAt(row.decryptionStatus, now, window) as DecryptionStatus | null,
    form: row.bidForm ? (JSON.parse(row.bidForm) as BidForm) : null,
    requiredItems: readOutItemsOf(row) ?? [],
  }));
}

export type HallBid = Awaited<ReturnType<typeof hallBidsOf>>[number];

export function windowOf(participant: Pick<HallParticipant, 'project' | 'announcement'>): DecryptionWindow {
  return decryptionWindow(participant.announcement.bidDeadline, participant.project.decryptionWindowMinutes);
}

/** The hall row, which exists once anything happened in the hall. */
export async function openedHall(db: TradingDb | TradingTrx, projectId: string, action: string) {
  const hall = await db
    .selectFrom('openingHall')
    .selectAll()
    .where('projectId', '=', projectId)
    .executeTakeFirst();
  if (!hall?.openedAt) throw new AppError('INVALID_STATE', { state: 'not_opened', action });
  return hall;
}

export async function signInsOf(db: TradingDb | TradingTrx, projectId: string) {
  return db
    .selectFrom('openingSignIn as i')
    .innerJoin('organisation as o', 'o.id', 'i.organisationId')
    .select(['i.organisationId', 'o.name as organisationName', 'i.capacity', 'i.signedInAt'])
    .where('i.projectId', '=', projectId)
    .orderBy('i.signedInAt')
    .orderBy('o.name')
    .execute();
}

export async function recordResponsesOf(db: TradingDb | TradingTrx, projectId: string) {
  return db
    .selectFrom('openingRecordResponse as r')
    .innerJoin('organisation as o', 'o.id', 'r.organisationId')
    .select([
      'r.id',
      'r.organisationId',
      'o.name as bidderName',
      'r.kind',
      'r.text',
      'r.respondedAt',
      'r.answer',
      'r.answeredAt',
    ])
    .where('r.projectId', '=', projectId)
    .orderBy('r.respondedAt')
    .orderBy('r.id')
    .execute();
}
