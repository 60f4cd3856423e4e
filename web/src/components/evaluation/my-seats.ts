import type { ApiClient } from '../../api.ts';
import type { Committee, EvaluationApi } from './evaluation-api.ts';

export interface MySeat {
  readonly projectName: string;
  readonly sectionId: string;
  readonly sectionName: string;
  readonly evaluationAt: string;
  readonly seats: Committee['seats'];
}

const TENDER_PAGE = 100;

/**
 * The committees the signed-in expert sits on. The platform has no "my seats" query, so this reads
 * the published tenders and, for each section, the committee as the expert may see it: the expert's
 * own seats carry its name (法 37), other sections answer 403 or have no committee yet.
 */
export async function findMySeats(client: ApiClient, api: EvaluationApi): Promise<MySeat[]> {
  const tenders = await client.listTenders({ page: 1, pageSize: TENDER_PAGE });
  const sections = tenders.items.flatMap((tender) =>
    tender.sections.map((section) => ({ projectName: tender.name, section })),
  );
  const found = await Promise.all(
    sections.map(async ({ projectName, section }): Promise<MySeat | null> => {
      const committee = await api.committee(section.id).catch(() => null);
      const own = committee?.seats.filter((s) => s.expert !== null && s.status === 'seated') ?? [];
      if (!committee || own.length === 0 || committee.namesVisible) return null;
      return {
        projectName,
        sectionId: section.id,
        sectionName: section.name,
        evaluationAt: committee.evaluationAt,
        seats: own,
      };
    }),
  );
  return found.filter((seat): seat is MySeat => seat !== null);
}
