import { scheduleMinimums, type Qualification } from '../../domain/tender/schedule-rules.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { readableProject } from './project-access.ts';

export interface GetScheduleMinimumsOptions {
  readonly projectId: string;
  readonly documentIssueStart: string;
}

/** For the wizard's date picker: the earliest lawful dates after a proposed first day of issue. */
export async function getScheduleMinimums(ctx: UseCaseContext, options: GetScheduleMinimumsOptions) {
  const project = await readableProject(ctx, options.projectId);
  const start = new Date(options.documentIssueStart);
  const minimums = scheduleMinimums(start, {
    mustTender: project.mustTender === 1,
    qualification: project.qualification as Qualification,
  });
  const view = (m: { earliest: Date; earliestDate: string; rules: readonly string[] }) => ({
    earliest: m.earliest.toISOString(),
    earliestDate: m.earliestDate,
    rules: [...m.rules],
  });
  return {
    documentIssueStart: start.toISOString(),
    documentIssueEnd: view(minimums.documentIssueEnd),
    bidDeadline: view(minimums.bidDeadline),
    prequalificationDeadline: minimums.prequalificationDeadline
      ? view(minimums.prequalificationDeadline)
      : null,
  };
}
