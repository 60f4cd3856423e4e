import { AppError } from '../../domain/errors.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { TradingDb, TradingTrx } from '../schema.ts';
import {
  committeeMembersOf,
  type EvaluationState,
  type Member,
  type SessionRow,
} from './evaluation-repository.ts';

/**
 * E9 (办法 33–36): only the seated members of the section's drawn committee act in its evaluation.
 * An expert seated on another section's committee is no member here.
 */
export async function actingMember(
  ctx: UseCaseContext,
  db: TradingDb | TradingTrx,
  sectionId: string,
): Promise<Member> {
  const { userId, roles } = ctx.actor;
  const member =
    roles.includes('expert') && userId
      ? (await committeeMembersOf(db, sectionId)).find((m) => m.userId === userId)
      : undefined;
  if (!member) throw new AppError('FORBIDDEN', { required: 'committee_member' });
  return member;
}

/** The member within a loaded state (the state was read in the same transaction). */
export function memberIn(ctx: UseCaseContext, state: EvaluationState): Member {
  const member = ctx.actor.roles.includes('expert')
    ? state.members.find((m) => m.userId !== null && m.userId === ctx.actor.userId)
    : undefined;
  if (!member) throw new AppError('FORBIDDEN', { required: 'committee_member' });
  return member;
}

/** Members act only while the session is open: once the report is final, it is frozen. */
export function assertOpen(session: SessionRow, action: string): void {
  if (session.status !== 'open') throw new AppError('INVALID_STATE', { state: session.status, action });
}

/** The chair's acts (drafting the report, recording clarifications, finalising). */
export function assertChair(state: EvaluationState, member: Member, action: string): void {
  if (state.session.chairExpertId !== member.expertId) {
    throw new AppError('INVALID_STATE', {
      state: state.session.chairExpertId ? 'not_chair' : 'no_chair',
      action,
    });
  }
}
