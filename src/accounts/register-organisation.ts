import { randomUUID } from 'node:crypto';
import { parseCreditCode } from '../domain/credit-code.ts';
import { AppError } from '../domain/errors.ts';
import type { Role } from '../domain/roles.ts';
import { runAudited } from '../store/audited.ts';
import type { UseCaseContext } from '../store/context.ts';
import { findOrganisationByCreditCode, insertOrganisation } from '../store/organisation-repository.ts';
import type { OrganisationRow, Trx } from '../store/schema.ts';

export interface RegisterOrganisationOptions {
  readonly creditCode: string;
  readonly name: string;
  readonly region?: string | null | undefined;
  readonly legalRepresentative?: string | null | undefined;
  /** The capacities it registers in (tenderer, agency, bidder), for the platform's registrar. */
  readonly roles?: readonly Role[] | undefined;
}

/**
 * What a platform adds to registration (the transaction platform: the hub's entity register).
 * `prepare` runs before the transaction and may refuse with an AppError; what it returns completes
 * the registration inside the transaction.
 */
export interface OrganisationRegistrar {
  prepare(registration: {
    readonly creditCode: string;
    readonly name: string;
    readonly roles: readonly Role[];
  }): Promise<PreparedRegistration>;
}

export interface PreparedRegistration {
  /** Facts for the registration's audit event. */
  readonly detail: Record<string, unknown>;
  record(trx: Trx, organisation: OrganisationRow, at: Date): Promise<void>;
}

/** Registers an organisation under its unified social credit code, which must be valid and new. */
export async function registerOrganisation(
  ctx: UseCaseContext,
  options: RegisterOrganisationOptions,
  registrar?: OrganisationRegistrar,
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
  const prepared = await registrar?.prepare({ creditCode, name, roles: options.roles ?? [] });
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
    await prepared?.record(trx, organisation, now);
    return {
      result: organisation,
      audit: {
        action: 'organisation.registered',
        objectType: 'organisation',
        objectId: organisation.id,
        state: organisation,
        ...(prepared ? { detail: prepared.detail } : {}),
      },
    };
  });
}
