import { AppError } from '../../domain/errors.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { TradingDb } from '../schema.ts';
import type { CommitteeRequestRow } from './committee-repository.ts';

/** Who reads a committee, and whose names they may see. */
export interface CommitteeReader {
  /** Every drawn expert's name (supervisors; everyone once the result is published). */
  readonly allNames: boolean;
  /** The expert ids whose names this reader may see when not all: the reader's own. */
  readonly ownExpertIds: ReadonlySet<string>;
}

/**
 * 法 37: the committee's members stay confidential until the result is published. Before that a
 * supervisor sees every name, an expert sees its own seat, and the tenderer's side, the bidders
 * and the operator see anonymous seats. Anyone else may not read the committee at all.
 */
export async function committeeReader(
  ctx: UseCaseContext,
  db: TradingDb,
  section: {
    sectionId: string;
    tendererOrganisationId: string;
    agencyOrganisationId: string | null;
    resultPublishedAt: string | null;
  },
  request: CommitteeRequestRow,
): Promise<CommitteeReader> {
  const { actor } = ctx;
  const published =
    section.resultPublishedAt !== null && Date.parse(section.resultPublishedAt) <= ctx.clock.now().getTime();
  const own = actor.userId
    ? await db
        .selectFrom('committeeSeat as s')
        .innerJoin('expert as e', 'e.id', 's.expertId')
        .select('e.id')
        .where('s.requestId', '=', request.id)
        .where('e.userId', '=', actor.userId)
        .execute()
    : [];
  const ownExpertIds = new Set(own.map((row) => row.id));
  if (actor.roles.includes('supervisor')) return { allNames: true, ownExpertIds };
  const org = actor.organisationId;
  const isParty =
    actor.roles.includes('platform_operator') ||
    ownExpertIds.size > 0 ||
    (org !== null && (org === section.tendererOrganisationId || org === section.agencyOrganisationId)) ||
    (org !== null &&
      actor.roles.includes('bidder') &&
      (await db
        .selectFrom('bid')
        .select('id')
        .where('sectionId', '=', section.sectionId)
        .where('bidderOrganisationId', '=', org)
        .executeTakeFirst()) !== undefined);
  if (!isParty) throw new AppError('FORBIDDEN', { required: 'organisation' });
  return { allNames: published, ownExpertIds };
}
