import type { ProjectDto, ProjectInput } from '../../domain/schemas/project-schemas.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingTrx } from '../schema.ts';
import { writeSections } from './create-project.ts';
import { assertDraft, manageableProject } from './project-access.ts';
import { projectDraftFrom } from './project-input.ts';
import { announcementsOf, findProject, updateProjectRow } from './project-repository.ts';
import { projectView } from './project-views.ts';

export interface UpdateProjectOptions {
  readonly projectId: string;
  readonly project: ProjectInput;
}

/** Replaces a draft project's fields and sections; a published project is fixed (INVALID_STATE). */
export async function updateProject(ctx: UseCaseContext, options: UpdateProjectOptions): Promise<ProjectDto> {
  const draft = projectDraftFrom(options.project);
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const before = await manageableProject(ctx, trx, options.projectId, now);
    assertDraft(before, 'edit');
    const at = now.toISOString();
    await updateProjectRow(trx, before.id, {
      name: draft.name,
      procedure: draft.procedure,
      qualification: draft.qualification,
      mustTender: draft.mustTender,
      stateFunded: draft.stateFunded,
      cipherSuite: draft.cipherSuite,
      openingKeyRemedy: draft.openingKeyRemedy,
      decryptionWindowMinutes: draft.decryptionWindowMinutes,
      region: draft.region,
      industry: draft.industry,
      updatedAt: at,
    });
    const sections = await writeSections(trx, before.id, before.dealCode, draft.sections, at);
    const project = (await findProject(trx, before.id))!;
    const [announcement] = await announcementsOf(trx, [before.id]);
    return {
      result: projectView(project, sections, announcement),
      audit: {
        action: 'project.updated',
        objectType: 'tender_project',
        objectId: project.id,
        state: { project, sections },
        detail: { dealCode: project.dealCode, sections: sections.length },
      },
    };
  });
}
