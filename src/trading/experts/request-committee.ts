import { randomUUID } from 'node:crypto';
import { assertCommitteeComposition, designationViolation } from '../../domain/evaluation/committee-rules.ts';
import { drawCommitment } from '../../domain/evaluation/expert-draw.ts';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { manageableProject } from '../projects/project-access.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { findCommitteeRequest, sectionWithProject } from './committee-repository.ts';
import { cryptoOf, drawAlgorithmFor, platformDrawValue } from './draw-values.ts';
import type { CommitteeRequestBody, CommitteeView } from './expert-schemas.ts';
import { getCommittee } from './get-committee.ts';

/**
 * The tenderer (or its agency) states the committee for a section: size, its own representatives,
 * experts per specialty and category (C5). Naming experts is refused (C6). The platform commits
 * its own value at once, so it is fixed before anyone else's value could be known.
 */
export async function requestCommittee(
  ctx: UseCaseContext,
  options: { sectionId: string; body: CommitteeRequestBody },
): Promise<CommitteeView> {
  const { body } = options;
  const db = tradingDb(ctx.db);
  const section = await sectionWithProject(db, options.sectionId);
  await manageableProject(ctx, db, section.projectId, ctx.clock.now());
  const designation = designationViolation(body.designatedExpertIds);
  if (designation) throw designation;
  assertCommitteeComposition(body);
  const algorithm = drawAlgorithmFor(section.cipherSuite);
  await runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    if (await findCommitteeRequest(trx, section.sectionId)) {
      throw new AppError('INVALID_STATE', { state: 'committee_requested', action: 'request committee' });
    }
    const at = now.toISOString();
    const id = randomUUID();
    const requirements = body.requirements.map(({ specialty, category, count }) => ({
      specialty,
      category,
      count,
    }));
    await trx
      .insertInto('committeeRequest')
      .values({
        id,
        projectId: section.projectId,
        sectionId: section.sectionId,
        size: body.size,
        tendererRepresentatives: body.tendererRepresentatives,
        requirements: JSON.stringify(requirements),
        evaluationAt: new Date(body.evaluationAt).toISOString(),
        algorithm,
        status: 'committing',
        eligible: null,
        eligibleDigest: null,
        seed: null,
        drawLog: null,
        createdAt: at,
        createdByUserId: ctx.actor.userId,
        frozenAt: null,
        drawnAt: null,
      })
      .execute();
    const value = platformDrawValue();
    const commitment = drawCommitment(cryptoOf({ algorithm }), 'platform', value);
    await trx
      .insertInto('drawParty')
      .values({
        requestId: id,
        party: 'platform',
        commitment,
        committedAt: at,
        committedByUserId: null,
        heldValue: value,
        value: null,
        revealedAt: null,
        substituted: 0,
      })
      .execute();
    return {
      result: null,
      audit: [
        {
          action: 'committee.requested',
          objectType: 'section',
          objectId: section.sectionId,
          state: {
            requestId: id,
            size: body.size,
            tendererRepresentatives: body.tendererRepresentatives,
            requirements,
            algorithm,
          },
        },
        {
          action: 'committee.draw_committed',
          objectType: 'section',
          objectId: section.sectionId,
          state: { requestId: id, party: 'platform', commitment, committedAt: at },
        },
      ],
    };
  });
  return getCommittee(ctx, { sectionId: section.sectionId });
}
