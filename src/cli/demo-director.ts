import type { Clock } from '../domain/clock.ts';
import { formatCst } from '../domain/cst.ts';
import type { BlobStore } from '../store/blob-store.ts';
import type { Db } from '../store/schema.ts';
import { tradingDb } from '../trading/schema.ts';
import { playDueSteps } from './demo-lifecycle.ts';
import type { DemoSealingKeys } from './demo-sealing-keys.ts';
import { LIVE_DEMO_TENDER } from './demo-tenders.ts';

export interface DemoDirectorDeps {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly clock: Clock;
  readonly keys: DemoSealingKeys;
  /** One line per step played. */
  readonly log: (line: string) => void;
}

export interface DirectorLook {
  /** The lines logged, one per step played. */
  readonly lines: readonly string[];
  /** The step the live tender waits for next (a demo user's, or the platform scheduler's). */
  readonly next: { readonly label: string; readonly due: Date } | null;
}

export interface DemoDirector {
  /** Plays whatever steps of the live tender are due now. */
  tick(): Promise<DirectorLook>;
}

export interface RunningDemoDirector extends DemoDirector {
  /** Stops looking, after the look in progress. */
  stop(): Promise<void>;
}

/** How often the director looks, in real time (×1440: every 24 virtual minutes). */
export const DIRECTOR_INTERVAL_MS = 1_000;

/**
 * The demo director: while the demo runs, it acts for the demo users in the live tender (bidders
 * decrypting, the tenderer reading out, the operator drawing the committee, the experts
 * reviewing, scoring and signing, the tenderer publishing, awarding and contracting) when each
 * one's step comes on the sandbox clock, through the same use cases their browsers would call, so
 * each step is audited as that user. The platform's own steps (opening the hall, closing the
 * decryption window) are left to its scheduler. It keeps nothing in memory that matters: each
 * look reads the tender's state, so a restarted demo resumes where the data is.
 */
export function demoDirector(deps: DemoDirectorDeps): DemoDirector {
  let lastProblem: string | null = null;
  return {
    async tick() {
      const live = await tradingDb(deps.db)
        .selectFrom('tenderProject')
        .select('id')
        .where('name', '=', LIVE_DEMO_TENDER.name)
        .orderBy('createdAt')
        .executeTakeFirst();
      if (!live) return { lines: [], next: null };
      const lines: string[] = [];
      const log = (line: string) => {
        lines.push(line);
        deps.log(line);
      };
      try {
        const { played, next } = await playDueSteps(
          { ...deps, hostOpensHall: false },
          live.id,
          LIVE_DEMO_TENDER.script,
          { onPlayed: (label) => log(`[演示 ${formatCst(deps.clock.now())}] ${label}`) },
        );
        if (played.length && !next) log(`[演示] ${LIVE_DEMO_TENDER.name}：合同已签订，保证金已退还 (done)`);
        lastProblem = null;
        return { lines, next };
      } catch (error) {
        // Logged once, not at every look: the next look tries again.
        const problem = error instanceof Error ? error.message : String(error);
        if (problem !== lastProblem) log(`[演示] 步骤失败 (a demo step failed): ${problem}`);
        lastProblem = problem;
        return { lines, next: null };
      }
    },
  };
}

/** The director looking every `intervalMs` real milliseconds, one look at a time. */
export function startDemoDirector(
  deps: DemoDirectorDeps,
  intervalMs = DIRECTOR_INTERVAL_MS,
): RunningDemoDirector {
  const director = demoDirector(deps);
  let inFlight: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    inFlight ??= director.tick().finally(() => (inFlight = undefined));
  }, intervalMs);
  timer.unref();
  return {
    tick: director.tick,
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
