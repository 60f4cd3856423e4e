import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import type { EntrustmentDto } from '../../domain/schemas/project-schemas.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { findOrganisationById } from '../../store/organisation-repository.ts';
import { tradingTrx } from '../schema.ts';
import { insertEntrustment } from './entrustment-repository.ts';
import { entrustmentView } from './project-views.ts';

export interface RecordEntrustmentOptions {
  readonly agencyOrganisationId: string;
  readonly scope: string;
  readonly validUntil?: string | null | undefined;
}

/** A tenderer records that an agency (招标代理机构) acts for it, within a scope, optionally until a date. */
export async function recordEntrustment(
  ctx: UseCaseContext,
  options: RecordEntrustmentOptions,
): Promise<EntrustmentDto> {
  const tendererOrganisationId = ctx.actor.organisationId;
  if (!tendererOrganisationId) throw new AppError('FORBIDDEN', { required: 'organisation' });
  const scope = options.scope.trim();
  if (!scope) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'scope' },
      { details: [{ path: 'scope', code: 'required' }] },
    );
  }
  if (options.agencyOrganisationId === tendererOrganisationId) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'agencyOrganisationId' },
      { details: [{ path: 'agencyOrganisationId', code: 'self' }] },
    );
  }
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const [tenderer, agency] = await Promise.all([
      findOrganisationById(commonTrx, tendererOrganisationId),
      findOrganisationById(commonTrx, options.agencyOrganisationId),
    ]);
    if (!tenderer || !agency) throw new AppError('ORGANISATION_NOT_FOUND');
    const validUntil = options.validUntil ? new Date(options.validUntil).toISOString() : null;
    if (validUntil !== null && validUntil <= now.toISOString()) {
      throw new AppError(
        'VALIDATION_FAILED',
        { fields: 'validUntil' },
        { details: [{ path: 'validUntil', code: 'in_the_past' }] },
      );
    }
    const row = {
      id: randomUUID(),
      tendererOrganisationId,
      agencyOrganisationId: agency.id,
      scope,
      validUntil,
      createdAt: now.toISOString(),
      revokedAt: null,
    };
    await insertEntrustment(trx, row);
    return {
      result: entrustmentView(
        { ...row, tendererName: tenderer.name, agencyName: agency.name },
        now.toISOString(),
      ),
      audit: {
        action: 'entrustment.recorded',
        objectType: 'entrustment',
        objectId: row.id,
        state: row,
        detail: { agencyOrganisationId: agency.id, scope, validUntil },
      },
    };
  });
}
