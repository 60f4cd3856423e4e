import { randomUUID } from 'node:crypto';
import { hashHex } from '../../crypto/hash.ts';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { normaliseIdNumber } from '../projects/record-organisation-relation.ts';
import { tradingTrx } from '../schema.ts';
import { assertPoolOperator } from './expert-access.ts';
import { findExpert, findExpertByIdNumberHash, insertExpert, expertViewOf } from './expert-repository.ts';
import type { ExpertInput, ExpertView } from './expert-schemas.ts';

function invalid(path: string, code: string): AppError {
  return new AppError('VALIDATION_FAILED', { fields: path }, { details: [{ path, code }] });
}

/**
 * Adds an expert to the pool. Only the SHA-256 of the normalised ID number is kept: enough to find
 * an expert who heads a bidder (C6) and to refuse a second entry for the same person.
 */
export async function createExpert(ctx: UseCaseContext, input: ExpertInput): Promise<ExpertView> {
  assertPoolOperator(ctx);
  const idNumber = normaliseIdNumber(input.idNumber);
  if (!idNumber) throw invalid('body.idNumber', 'id_number_format');
  const idNumberHash = hashHex(idNumber);
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    if (await findExpertByIdNumberHash(trx, idNumberHash))
      throw invalid('body.idNumber', 'already_registered');
    const at = now.toISOString();
    const id = randomUUID();
    await insertExpert(
      trx,
      {
        id,
        name: input.name,
        idNumberHash,
        employerOrganisationId: input.employerOrganisationId,
        region: input.region,
        category: input.category,
        userId: input.userId,
        conflictOrganisationIds: JSON.stringify([...new Set(input.conflictOrganisationIds)].sort()),
        createdAt: at,
        updatedAt: at,
      },
      input.specialties,
    );
    const expert = expertViewOf((await findExpert(trx, id))!);
    return {
      result: expert,
      audit: {
        action: 'expert.created',
        objectType: 'expert',
        objectId: id,
        state: { ...expert, idNumberHash },
      },
    };
  });
}
