import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The demo's sandbox time survives restarts: on stop (and every few seconds) the current virtual
 * time is saved; the next start resumes from it instead of jumping back to real time.
 */
export function loadVirtualStart(dataDir: string, realNow: Date): Date {
  const file = join(dataDir, 'sandbox-clock.json');
  if (!existsSync(file)) return realNow;
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { virtualNow?: string };
    const at = saved.virtualNow ? new Date(saved.virtualNow) : null;
    return at && !Number.isNaN(at.getTime()) ? at : realNow;
  } catch {
    return realNow;
  }
}

export function saveVirtualNow(dataDir: string, virtualNow: Date): void {
  const file = join(dataDir, 'sandbox-clock.json');
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify({ virtualNow: virtualNow.toISOString() }, null, 2) + '\n');
  renameSync(tmp, file);
}
