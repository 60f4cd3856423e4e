import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Relative to the package, so the commands work from any working directory.
const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WEB_ROOT = join(PACKAGE_ROOT, 'web');
const DOMAIN_ROOT = join(PACKAGE_ROOT, 'src', 'domain');
export const WEB_DIST = join(WEB_ROOT, 'dist');

/** True when web/dist is missing or older than any source of the web app or the shared domain. */
export function webBuildIsStale(): boolean {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const builtAt = statSync(index).mtimeMs;
  const newest = Math.max(
    newestMtime(join(WEB_ROOT, 'src')),
    newestMtime(DOMAIN_ROOT),
    newestMtime(join(WEB_ROOT, 'public')),
    ...['index.html', 'vite.config.ts', 'tsconfig.json']
      .map((file) => join(WEB_ROOT, file))
      .filter(existsSync)
      .map((file) => statSync(file).mtimeMs),
  );
  return newest > builtAt;
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the web app with Vite (a development dependency), reporting progress on stdout. */
export async function buildWebApp(report: (line: string) => void): Promise<void> {
  const started = Date.now();
  report('正在构建网页应用 (building the web app)…');
  const { build } = await import('vite');
  await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  report(`网页应用构建完成 (web app built) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
