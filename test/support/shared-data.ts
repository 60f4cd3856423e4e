import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shared development data (OCDS schemas and examples, collusion data) that lives beside the
 * repository as `shared/data`: named by ZHAOCAI_SHARED_DATA, or found in the nearest folder above
 * the repository that has one. Null where there is none; tests that need it say so and skip.
 */
export function sharedDataDir(): string | null {
  const named = process.env.ZHAOCAI_SHARED_DATA;
  if (named) return existsSync(named) ? resolve(named) : null;
  let dir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  for (;;) {
    const candidate = join(dir, 'shared', 'data');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The OCDS examples folder of the shared data, with a trailing slash, or null. */
export function ocdsExamplesDir(): string | null {
  const data = sharedDataDir();
  const dir = data && join(data, 'ocds', 'examples');
  return dir && existsSync(dir) ? `${dir}/` : null;
}
