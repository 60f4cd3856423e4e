import { currentSeats, replayDrawLog } from '../../domain/evaluation/expert-draw.ts';
import { canonicalJson } from '../../domain/canonical-json.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb } from '../schema.ts';
import { committeeReader } from './committee-readers.ts';
import { committeeRequestOf, drawLogOf, sectionWithProject, seatsOf } from './committee-repository.ts';
import { cryptoOf } from './draw-values.ts';
import type { DrawLog } from '../../domain/evaluation/expert-draw.ts';

/**
 * The DrawLog of a section (expert ids only, no names) and its replay: the platform replays it as
 * any reader could, and checks the result against the seats it actually stored.
 */
export async function getDrawLog(
  ctx: UseCaseContext,
  options: { sectionId: string },
): Promise<{ log: DrawLog; replay: { matches: boolean; problem: string | null } }> {
  const db = tradingDb(ctx.db);
  const section = await sectionWithProject(db, options.sectionId);
  const request = await committeeRequestOf(db, section.sectionId);
  await committeeReader(ctx, db, section, request);
  const log = drawLogOf(request);
  const replay = replayDrawLog(cryptoOf(request), log);
  if (!replay.ok) return { log, replay: { matches: false, problem: replay.problem } };
  const stored = (await seatsOf(db, request.id))
    .filter((s) => s.status === 'seated')
    .map((s) => ({ seat: s.seat, requirement: s.requirementIndex, expertId: s.expertId }));
  const matches =
    canonicalJson(stored) === canonicalJson(replay.committee) &&
    canonicalJson(replay.committee) === canonicalJson(currentSeats(log));
  return {
    log,
    replay: { matches, problem: matches ? null : 'the stored seats differ from the replayed committee' },
  };
}
