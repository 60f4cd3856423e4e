import { AppError } from '../../domain/errors.ts';
import type { EntrustmentDto } from '../../domain/schemas/project-schemas.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { findOrganisationById } from '../../store/organisation-repository.ts';
import { tradingTrx } from '../schema.ts';
import { findEntrustment, revokeEntrustmentRow } from './entrustment-repository.ts';
import { entrustmentView } from './project-views.ts';

export interface RevokeEntrustmentOptions {
  readonly entrustmentId: string;
}

/** The tenderer that gave an entrustment withdraws it; the agency can no longer act for it. */
export async function revokeEntrustment(
  ctx: UseCaseContext,
  options: RevokeEntrustmentOptions,
): Promise<EntrustmentDto> {
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const entrustment = await findEntrustment(trx, options.entrustmentId);
    if (!entrustment) throw new AppError('NOT_FOUND');
    if (entrustment.tendererOrganisationId !== ctx.actor.organisationId) {
      throw new AppError('FORBIDDEN', { required: 'organisation' });
    }
    if (entrustment.revokedAt) throw new AppError('INVALID_STATE', { state: 'revoked', action: 'revoke' });
    const at = now.toISOString();
    await revokeEntrustmentRow(trx, entrustment.id, at);
    const [tenderer, agency] = await Promise.all([
      findOrganisationById(commonTrx, entrustment.tendererOrganisationId),
      findOrganisationById(commonTrx, entrustment.agencyOrganisationId),
    ]);
    const revoked = { ...entrustment, revokedAt: at };
    return {
      result: entrustmentView({ ...revoked, tendererName: tenderer!.name, agencyName: agency!.name }, at),
      audit: {
        action: 'entrustment.revoked',
        objectType: 'entrustment',
        objectId: entrustment.id,
        state: revoked,
        detail: { agencyOrganisationId: entrustment.agencyOrganisationId },
      },
    };
  });
}
