import type { ExpertCategory } from '../../domain/evaluation/committee-rules.ts';
import type { DrawHashAlgorithm, DrawParty } from '../../domain/evaluation/expert-draw.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb } from '../schema.ts';
import { committeeReader } from './committee-readers.ts';
import {
  committeeRequestOf,
  partiesOf,
  requirementsOf,
  sectionWithProject,
  seatsOf,
} from './committee-repository.ts';
import { expertsByIds } from './expert-repository.ts';
import type { CommitteeView } from './expert-schemas.ts';

/**
 * A section's committee request and draw as the reader may see it: commitments and reveals are
 * public to every reader; names and employers only as `committeeReader` allows (法 37).
 */
export async function getCommittee(
  ctx: UseCaseContext,
  options: { sectionId: string },
): Promise<CommitteeView> {
  const db = tradingDb(ctx.db);
  const section = await sectionWithProject(db, options.sectionId);
  const request = await committeeRequestOf(db, section.sectionId);
  const reader = await committeeReader(ctx, db, section, request);
  const requirements = requirementsOf(request);
  const seats = await seatsOf(db, request.id);
  const visible = seats.map((s) => s.expertId).filter((id) => reader.allNames || reader.ownExpertIds.has(id));
  const experts = new Map((await expertsByIds(db, visible)).map((e) => [e.id, e]));
  const parties = await partiesOf(db, request.id);
  const order: readonly string[] = ['tenderer', 'platform', 'supervisor'];
  return {
    requestId: request.id,
    sectionId: request.sectionId,
    status: request.status as CommitteeView['status'],
    size: request.size,
    tendererRepresentatives: request.tendererRepresentatives,
    requirements,
    evaluationAt: request.evaluationAt,
    algorithm: request.algorithm as DrawHashAlgorithm,
    eligibleCount: request.eligible ? (JSON.parse(request.eligible) as unknown[]).length : null,
    eligibleDigest: request.eligibleDigest,
    seed: request.seed,
    parties: parties
      .sort((a, b) => order.indexOf(a.party) - order.indexOf(b.party))
      .map((p) => ({
        party: p.party as DrawParty,
        commitment: p.commitment,
        committedAt: p.committedAt,
        substituted: p.substituted === 1,
        value: p.value,
      })),
    namesVisible: reader.allNames,
    seats: seats.map((s) => {
      const need = requirements[s.requirementIndex]!;
      const expert = experts.get(s.expertId);
      return {
        seat: s.seat,
        specialty: need.specialty,
        category: need.category as ExpertCategory,
        status: s.status as 'seated' | 'vacated',
        step: s.step,
        expert: expert
          ? { expertId: expert.id, name: expert.name, employerOrganisationId: expert.employerOrganisationId }
          : null,
      };
    }),
  };
}
