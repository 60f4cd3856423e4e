import { randomUUID } from 'node:crypto';
import { parseCreditCode } from '../domain/credit-code.ts';
import { AppError } from '../domain/errors.ts';
import { runAudited } from '../store/audited.ts';
import type { UseCaseContext } from '../store/context.ts';
import { findOrganisationByCreditCode, insertOrganisation } from '../store/organisation-repository.ts';
import type { OrganisationRow } from '../store/schema.ts';

export interface RegisterOrganisationOptions {
  readonly creditCode: string;
  readonly name: string;
  readonly region?: string | null | undefined;
  readonly legalRepresentative?: string | null | undefined;
}

/** Registers an organisation under its unified social credit code, which must be valid and new. */
export async function registerOrganisation(
  ctx: UseCaseContext,
  options: RegisterOrganisationOptions,
): Promise<OrganisationRow> {
  const creditCode = parseCreditCode(options.creditCode);
  const name = options.name.trim();
  if (!name) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'name' },
      { details: [{ path: 'name', code: 'required' }] },
    );
  }
  return runAudited(ctx, async (trx, now) => {
    if (await findOrganisationByCreditCode(trx, creditCode)) {
      throw new AppError('ORGANISATION_EXISTS', { creditCode });
    }
    const at = now.toISOString();
    const organisation = await insertOrganisation(trx, {
      id: randomUUID(),
      creditCode,
      name,
      region: options.region?.trim() || null,
      legalRepresentative: options.legalRepresentative?.trim() || null,
      createdAt: at,
      updatedAt: at,
    });
    return {
      result: organisation,
      audit: {
        action: 'organisation.registered',
        objectType: 'organisation',
        objectId: organisation.id,
        state: organisation,
      },
    };
  });
}
