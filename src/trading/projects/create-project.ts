import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { buildDealCode, cstDateDigits, sectionCode } from '../../domain/deal-code.ts';
import { AppError } from '../../domain/errors.ts';
import type { CreateProjectBody, ProjectDto } from '../../domain/schemas/project-schemas.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { findOrganisationById } from '../../store/organisation-repository.ts';
import { tradingTrx, type TradingTrx } from '../schema.ts';
import { capacityFor } from './project-access.ts';
import { projectDraftFrom, type SectionDraft } from './project-input.ts';
import {
  findProject,
  insertProject,
  lastDealCodeWithPrefix,
  replaceSections,
  type SectionRow,
} from './project-repository.ts';
import { projectView } from './project-views.ts';

export type CreateProjectOptions = CreateProjectBody;

/**
 * Creates a draft tender project with its sections, for the actor's own organisation (tenderer) or
 * for a tenderer that entrusted the actor (agency), under a new unified deal code.
 */
export async function createProject(ctx: UseCaseContext, options: CreateProjectOptions): Promise<ProjectDto> {
  // Two creations for one tenderer at the same moment may pick the same serial; the unique deal
  // code refuses the second, which then takes the next serial.
  for (let attempt = 1; ; attempt++) {
    try {
      return await createOnce(ctx, options);
    } catch (error) {
      if (attempt >= 5 || !isUniqueViolation(error)) throw error;
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

async function createOnce(ctx: UseCaseContext, options: CreateProjectOptions): Promise<ProjectDto> {
  const draft = projectDraftFrom(options);
  const tendererOrganisationId = options.tendererOrganisationId ?? ctx.actor.organisationId;
  if (!tendererOrganisationId) throw new AppError('FORBIDDEN', { required: 'organisation' });

  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const tenderer = await findOrganisationById(commonTrx, tendererOrganisationId);
    if (!tenderer) throw new AppError('ORGANISATION_NOT_FOUND');
    const { capacity, entrustment } = await capacityFor(ctx, trx, tendererOrganisationId, now);

    const prefix = `${tenderer.creditCode}${cstDateDigits(now)}`;
    const last = await lastDealCodeWithPrefix(trx, prefix);
    const serial = last ? Number(last.slice(26, 32)) + 1 : 1;
    const dealCode = buildDealCode(tenderer.creditCode, now, serial);
    const id = randomUUID();
    const at = now.toISOString();
    await insertProject(trx, {
      id,
      dealCode,
      name: draft.name,
      tendererOrganisationId,
      agencyOrganisationId: capacity === 'agency' ? ctx.actor.organisationId : null,
      entrustmentId: entrustment?.id ?? null,
      procedure: draft.procedure,
      qualification: draft.qualification,
      mustTender: draft.mustTender,
      stateFunded: draft.stateFunded,
      cipherSuite: draft.cipherSuite,
      openingKeyRemedy: draft.openingKeyRemedy,
      decryptionWindowMinutes: draft.decryptionWindowMinutes,
      region: draft.region,
      industry: draft.industry,
      status: 'draft',
      pausedAt: null,
      publishedAt: null,
      createdAt: at,
      updatedAt: at,
    });
    const sections = await writeSections(trx, id, dealCode, draft.sections, at);
    const project = (await findProject(trx, id))!;
    return {
      result: projectView(project, sections, undefined),
      audit: {
        action: 'project.created',
        objectType: 'tender_project',
        objectId: id,
        state: { project, sections },
        detail: { dealCode, capacity, sections: sections.length },
      },
    };
  });
}

/** Replaces a project's sections, numbered 001… after the deal code. */
export async function writeSections(
  trx: TradingTrx,
  projectId: string,
  dealCode: string,
  drafts: readonly SectionDraft[],
  at: string,
): Promise<SectionRow[]> {
  const rows: SectionRow[] = drafts.map((s, index) => ({
    id: randomUUID(),
    projectId,
    code: sectionCode(dealCode, index + 1),
    name: s.name,
    estimatedPriceFen: s.estimatedPriceFen,
    controlPriceFen: s.controlPriceFen,
    referencePriceFen: s.referencePriceFen,
    bidBondFen: s.bidBondFen,
    bidValidityDays: s.bidValidityDays,
    evaluationMethod: s.evaluationMethod,
    criteria: canonicalJson(s.criteria),
    readOutItems: s.readOutItems ? canonicalJson(s.readOutItems) : null,
    createdAt: at,
  }));
  await replaceSections(trx, projectId, rows);
  return rows;
}
