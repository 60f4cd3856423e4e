import { assertAccess, rolesOnly } from '../../domain/access.ts';
import type { CommitteeRequirement } from '../../domain/evaluation/committee-rules.ts';
import type { Page } from '../../store/page.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb } from '../schema.ts';
import { seatsOfUser, type SeatRowOfUser } from './expert-repository.ts';
import type { MySeatView, MySeatsQuery, SeatStatus } from './expert-schemas.ts';

/**
 * The signed-in expert's own committee seats, whatever the tender's procedure and however many
 * tenders there are. It names no other member: before the result is published the committee stays
 * secret (法 37), and the seats are read through the caller's own expert entry only.
 */
export async function listMySeats(ctx: UseCaseContext, query: MySeatsQuery): Promise<Page<MySeatView>> {
  assertAccess(ctx.actor, rolesOnly('expert'));
  const page = await seatsOfUser(tradingDb(ctx.db), ctx.actor.userId!, query);
  return { ...page, items: page.items.map(seatViewOf) };
}

function seatViewOf(row: SeatRowOfUser): MySeatView {
  const need = (JSON.parse(row.requirements) as CommitteeRequirement[])[row.requirementIndex]!;
  return {
    projectId: row.projectId,
    projectName: row.projectName,
    dealCode: row.dealCode,
    sectionId: row.sectionId,
    sectionCode: row.sectionCode,
    sectionName: row.sectionName,
    seat: row.seat,
    specialty: need.specialty,
    category: need.category,
    evaluationAt: row.evaluationAt,
    status: seatStatusOf(row.evaluationStatus),
    evaluationStatus: row.evaluationStatus as MySeatView['evaluationStatus'],
    drawnAt: row.drawnAt,
  };
}

function seatStatusOf(evaluationStatus: string | null): SeatStatus {
  if (evaluationStatus === null) return 'upcoming';
  return evaluationStatus === 'finalised' ? 'done' : 'evaluating';
}
