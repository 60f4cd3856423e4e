import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { drawCrypto } from '../crypto/portable/draw-random.ts';
import { drawLog, replayDrawLog, currentSeats } from '../domain/evaluation/expert-draw.ts';
import { canonicalJson } from '../domain/canonical-json.ts';
import { exitWithError } from './fail.ts';

/** Replays a DrawLog offline: exit 0 and the committee when it matches the logged result. */
async function runVerify(file: string): Promise<void> {
  let log;
  try {
    log = drawLog.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    exitWithError(new Error(`${file} is not a draw log: ${(error as Error).message.split('\n')[0]}`), 2);
  }
  const replay = replayDrawLog(drawCrypto(log.algorithm), log);
  if (!replay.ok) exitWithError(new Error(`draw NOT reproduced: ${replay.problem}`), 1);
  if (canonicalJson(replay.committee) !== canonicalJson(currentSeats(log))) {
    exitWithError(new Error('draw NOT reproduced: the committee differs from the logged one'), 1);
  }
  const lines = replay.committee.map((s) => {
    const need = log.requirements[s.requirement]!;
    return `  seat ${s.seat}: ${s.expertId} (${need.specialty}, ${need.category})`;
  });
  process.stdout.write(
    `draw reproduced: ${log.drawId}, section ${log.sectionId}, ${log.algorithm}, seed ${log.seed}, ` +
      `${log.eligible.experts.length} eligible, ${log.replacements.length} replacement(s)\n${lines.join('\n')}\n`,
  );
}

/** `zhaocai draw verify`: anyone holding a DrawLog checks the expert draw (C6) by replaying it. */
export function drawCommand(): Command {
  const draw = new Command('draw').description('random expert draws (C6, 条例 46)');
  draw
    .command('verify')
    .description('replay a DrawLog (GET /api/sections/:id/committee/draw-log → .log) and print the committee')
    .argument('<file>', 'DrawLog JSON')
    .action(runVerify);
  return draw;
}
