import { randomUUID } from 'node:crypto';
import { buildDealCode, cstDateDigits, sectionCode } from '../../domain/deal-code.ts';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { findOrganisationById } from '../../store/organisation-repository.ts';
import { manageableProject } from '../projects/project-access.ts';
import {
  insertProject,
  lastDealCodeWithPrefix,
  replaceSections,
  sectionsOf,
} from '../projects/project-repository.ts';
import { tradingTrx } from '../schema.ts';
import { exceptionsOf } from './section-failure.ts';

export interface RetenderView {
  readonly projectId: string;
  readonly dealCode: string;
  readonly retenderOf: string;
  readonly sectionCodes: string[];
}

/**
 * 重新招标: after a failure (C1, C2 or another reason) the tenderer starts again from a new draft
 * project copied from the failed one — its terms and the sections that failed — under a new deal
 * code, linked to the failure it answers. The new project is a draft: the schedule, documents and
 * opening key are set anew before it is published.
 */
export async function retenderProject(
  ctx: UseCaseContext,
  options: { projectId: string },
): Promise<RetenderView> {
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const failed = await manageableProject(ctx, trx, options.projectId, now);
    const recorded = await exceptionsOf(trx, failed.id);
    const open = recorded.filter((e) => e.kind === 'failed' && !e.retenderProjectId);
    // A C2 failure (pre-qualification) is published on its own; its exception row is written here.
    const c2 =
      recorded.length === 0
        ? await trx
            .selectFrom('prequalificationOutcome')
            .selectAll()
            .where('projectId', '=', failed.id)
            .where('outcome', '=', 'failed')
            .executeTakeFirst()
        : undefined;
    if (open.length === 0 && !c2) {
      throw new AppError('INVALID_STATE', { state: failed.status, action: 're-tender' });
    }
    const allSections = await sectionsOf(trx, [failed.id]);
    const wholeTender = c2 !== undefined || open.some((e) => e.sectionId === null);
    const failedIds = new Set(open.map((e) => e.sectionId));
    const sections = wholeTender ? allSections : allSections.filter((s) => failedIds.has(s.id));

    const tenderer = (await findOrganisationById(commonTrx, failed.tendererOrganisationId))!;
    const prefix = `${tenderer.creditCode}${cstDateDigits(now)}`;
    const last = await lastDealCodeWithPrefix(trx, prefix);
    const dealCode = buildDealCode(tenderer.creditCode, now, last ? Number(last.slice(26, 32)) + 1 : 1);
    const id = randomUUID();
    const at = now.toISOString();
    // The names are joined in by findProject, not columns; every column of the failed project is copied.
    const { tendererName, agencyName, ...terms } = failed;
    await insertProject(trx, {
      ...terms,
      id,
      dealCode,
      status: 'draft',
      pausedAt: null,
      publishedAt: null,
      createdAt: at,
      updatedAt: at,
    });
    await replaceSections(
      trx,
      id,
      sections.map((s, index) => ({
        ...s,
        id: randomUUID(),
        projectId: id,
        code: sectionCode(dealCode, index + 1),
        createdAt: at,
      })),
    );
    if (c2) {
      await trx
        .insertInto('tenderException')
        .values({
          id: randomUUID(),
          projectId: failed.id,
          sectionId: null,
          kind: 'failed',
          ruleId: 'C2',
          reason: `通过资格预审的申请人少于3个（实为 ${c2.qualifiedCount} 个），重新招标（C2，《招标投标法实施条例》第19条）`,
          recordedAt: c2.publishedAt,
          recordedByUserId: ctx.actor.userId,
          retenderProjectId: id,
        })
        .execute();
    }
    if (open.length > 0) {
      await trx
        .updateTable('tenderException')
        .set({ retenderProjectId: id })
        .where(
          'id',
          'in',
          open.map((e) => e.id),
        )
        .execute();
    }
    const result: RetenderView = {
      projectId: id,
      dealCode,
      retenderOf: failed.id,
      sectionCodes: sections.map((_, index) => sectionCode(dealCode, index + 1)),
    };
    return {
      result,
      audit: [
        {
          action: 'tender.retendered',
          objectType: 'tender_project',
          objectId: failed.id,
          state: { retenderProjectId: id, exceptions: open.map((e) => e.id) },
          detail: { dealCode, sections: sections.length },
        },
        {
          action: 'project.created',
          objectType: 'tender_project',
          objectId: id,
          state: { ...result, status: 'draft' },
          detail: { dealCode, retenderOf: failed.id },
        },
      ],
    };
  });
}
