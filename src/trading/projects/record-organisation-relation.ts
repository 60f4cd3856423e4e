import { randomUUID } from 'node:crypto';
import { hashHex } from '../../crypto/hash.ts';
import { assertSameOrganisation } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { OPERATOR_ROLE } from '../../domain/roles.ts';
import type {
  OrganisationRelationBody,
  OrganisationRelationDto,
} from '../../domain/schemas/project-schemas.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { findOrganisationById } from '../../store/organisation-repository.ts';
import { tradingTrx } from '../schema.ts';
import {
  deleteHeadRelations,
  findControlRelation,
  insertOrganisationRelation,
  type OrganisationRelationRow,
} from './organisation-relations.ts';

export interface RecordOrganisationRelationOptions {
  readonly organisationId: string;
  readonly relation: OrganisationRelationBody;
}

/** 居民身份证号码 without spaces, with a capital X; 18 characters (or the old 15 digits). */
export function normaliseIdNumber(input: string): string | null {
  const id = input.replace(/\s+/g, '').toUpperCase();
  return /^\d{17}[\dX]$/.test(id) || /^\d{15}$/.test(id) ? id : null;
}

function invalid(path: string, code: string): AppError {
  return new AppError('VALIDATION_FAILED', { fields: path }, { details: [{ path, code }] });
}

/**
 * Records, for C9 (条例 34), an organisation's head (单位负责人; replaces the previous one, and
 * only the SHA-256 of the normalised ID number is kept) or that it controls another organisation.
 * The operator, or the organisation itself.
 */
export async function recordOrganisationRelation(
  ctx: UseCaseContext,
  options: RecordOrganisationRelationOptions,
): Promise<OrganisationRelationDto> {
  assertSameOrganisation(ctx.actor, options.organisationId, [OPERATOR_ROLE[ctx.platform]]);
  const relation = options.relation;
  let personIdHash: string | null = null;
  if (relation.kind === 'head') {
    const id = normaliseIdNumber(relation.personIdNumber);
    if (!id) throw invalid('personIdNumber', 'id_number_format');
    if (!relation.personName.trim()) throw invalid('personName', 'required');
    personIdHash = hashHex(id);
  } else if (relation.relatedOrganisationId === options.organisationId) {
    throw invalid('relatedOrganisationId', 'self');
  }

  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const organisation = await findOrganisationById(commonTrx, options.organisationId);
    if (!organisation) throw new AppError('ORGANISATION_NOT_FOUND');
    let relatedOrganisationName: string | null = null;
    if (relation.kind === 'head') {
      await deleteHeadRelations(trx, options.organisationId);
    } else {
      const related = await findOrganisationById(commonTrx, relation.relatedOrganisationId);
      if (!related) throw new AppError('ORGANISATION_NOT_FOUND');
      if (await findControlRelation(trx, options.organisationId, related.id)) {
        throw invalid('relatedOrganisationId', 'duplicate');
      }
      relatedOrganisationName = related.name;
    }
    const row: OrganisationRelationRow = {
      id: randomUUID(),
      organisationId: options.organisationId,
      kind: relation.kind,
      personIdHash,
      personName: relation.kind === 'head' ? relation.personName.trim() : null,
      relatedOrganisationId: relation.kind === 'controls' ? relation.relatedOrganisationId : null,
      createdAt: now.toISOString(),
    };
    await insertOrganisationRelation(trx, row);
    return {
      result: {
        id: row.id,
        organisationId: row.organisationId,
        organisationName: organisation.name,
        kind: relation.kind,
        personName: row.personName,
        relatedOrganisationId: row.relatedOrganisationId,
        relatedOrganisationName,
        createdAt: row.createdAt,
      },
      audit: {
        action: 'organisation_relation.recorded',
        objectType: 'organisation_relation',
        objectId: row.id,
        state: row,
        detail: {
          organisationId: row.organisationId,
          kind: row.kind,
          relatedOrganisationId: row.relatedOrganisationId,
        },
      },
    };
  });
}
