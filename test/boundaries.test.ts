// The architectural import boundaries (.dependency-cruiser.cjs), checked through dependency-cruiser's JS API:
// once against the real source tree, and once against throw-away trees that prove the rules actually bite.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cruise } from 'dependency-cruiser';
import type { ICruiseResult, IConfiguration, IViolation } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const CONFIG_FILE = '.dependency-cruiser.cjs';
const require = createRequire(import.meta.url);

/**
 * Cruises `dirs` (relative to `root`) with the rules in `root`/.dependency-cruiser.cjs, the way
 * `depcruise <dirs> --config .dependency-cruiser.cjs` would from inside `root` — but without chdir:
 * vitest runs files in parallel, so everything is anchored on `baseDir` and absolute paths.
 */
async function cruiseTree(root: string, dirs: readonly string[]): Promise<ICruiseResult> {
  // A fresh copy of the config object: the rule set is mutated below.
  const configPath = join(root, CONFIG_FILE);
  const config = structuredClone(require(configPath) as IConfiguration);
  const tsConfigFile = join(root, config.options?.tsConfig?.fileName ?? 'tsconfig.json');
  config.options = { ...config.options, tsConfig: { fileName: tsConfigFile } };

  const { output } = await cruise(
    dirs.filter((dir) => existsSync(join(root, dir))),
    { validate: true, ruleSet: config, baseDir: root, outputType: 'json' },
    {},
    { tsConfig: extractTSConfig(tsConfigFile) },
  );
  return typeof output === 'string' ? (JSON.parse(output) as ICruiseResult) : output;
}

const describeViolation = (v: IViolation): string => `${v.rule.name}: ${v.from} → ${v.to}`;

function violations(result: ICruiseResult, severity?: 'error' | 'warn'): string[] {
  return result.summary.violations
    .filter((v) => severity === undefined || v.rule.severity === severity)
    .map(describeViolation)
    .sort();
}

describe('import boundaries', () => {
  it('the source tree respects the import boundaries', async () => {
    const result = await cruiseTree(repoRoot, ['src', 'web/src']);

    expect(result.summary.totalCruised).toBeGreaterThan(0);
    const errors = violations(result, 'error');
    if (errors.length > 0) {
      console.error(`Import boundary violations (see ${CONFIG_FILE}):\n  ${errors.join('\n  ')}`);
    }
    expect(errors).toEqual([]);
  });

  describe('the boundary rule is live', () => {
    const tempRoots: string[] = [];
    afterAll(() => {
      for (const dir of tempRoots) rmSync(dir, { recursive: true, force: true });
    });

    /** A throw-away project holding the real rules, a minimal tsconfig and the given source files. */
    function makeTree(files: Record<string, string>): string {
      const root = mkdtempSync(join(tmpdir(), 'zhaocai-boundaries-'));
      tempRoots.push(root);
      cpSync(join(repoRoot, CONFIG_FILE), join(root, CONFIG_FILE));
      writeFileSync(
        join(root, 'package.json'),
        JSON.stringify({ name: 'boundaries-fixture', type: 'module' }),
      );
      writeFileSync(
        join(root, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            jsx: 'react-jsx',
            allowImportingTsExtensions: true,
            verbatimModuleSyntax: true,
            noEmit: true,
          },
          include: ['src', 'web/src'],
        }),
      );
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, file)), { recursive: true });
        writeFileSync(join(root, file), text);
      }
      return root;
    }

    it('reports an import from hub into trading, and I/O in the domain', async () => {
      const root = makeTree({
        'src/trading/bid.ts': 'export const bid = 1;\n',
        'src/hub/leak.ts': "import { bid } from '../trading/bid.ts';\nexport const leak = bid;\n",
        'src/domain/impure.ts':
          "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
        // A few more of the rules, so a typo in any of them shows up here.
        'src/hub/notice.ts': 'export type Notice = { id: string };\n',
        'src/supervision/peek.ts':
          "import type { Notice } from '../hub/notice.ts';\nexport type Seen = Notice;\n",
        'src/supervision/bids.ts': "import { bid } from '../trading/bid.ts';\nexport const seen = bid;\n",
        'src/store/reach.ts': "import { bid } from '../trading/bid.ts';\nexport const stored = bid;\n",
        'src/domain/outside.ts': "import { stored } from '../store/reach.ts';\nexport const x = stored;\n",
        'web/src/App.tsx':
          "import { stored } from '../../src/store/reach.ts';\nexport const App = () => <p>{stored}</p>;\n",
        'src/trading/typo.ts': "export { bid } from './bids.ts';\n",
        // The browser-safe crypto: no node core module, no server code, no *-node.ts file.
        'src/crypto/portable/leak.ts':
          "import { randomBytes } from 'node:crypto';\nexport const r = randomBytes;\n",
        'src/crypto/x509/stored.ts':
          "import { stored } from '../../store/reach.ts';\nexport const s = stored;\n",
        'src/crypto/x509/ca-node.ts':
          "import { readFile } from 'node:fs/promises';\nexport const ca = readFile;\n",
        'src/crypto/x509/uses-ca.ts': "import { ca } from './ca-node.ts';\nexport const c = ca;\n",
        'web/src/Seal.tsx':
          "import { ca } from '../../src/crypto/x509/ca-node.ts';\nexport const Seal = () => <p>{String(ca)}</p>;\n",
        // A run-time cycle: a warning, not an error.
        'src/ledger/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
        'src/ledger/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
      });

      const result = await cruiseTree(root, ['src', 'web/src']);
      const errors = violations(result, 'error');

      // The two the boundary check exists for…
      expect(errors).toContain('hub-not-trading: src/hub/leak.ts → src/trading/bid.ts');
      expect(errors).toContain('domain-pure: src/domain/impure.ts → fs'); // `node:fs` is reported as `fs`
      // …and the rest, exactly: nothing missing, nothing spurious.
      expect(errors).toEqual([
        'browser-crypto-portable: src/crypto/portable/leak.ts → crypto',
        'browser-crypto-portable: src/crypto/x509/stored.ts → src/store/reach.ts',
        'browser-not-node-only: src/crypto/x509/uses-ca.ts → src/crypto/x509/ca-node.ts',
        'browser-not-node-only: web/src/Seal.tsx → src/crypto/x509/ca-node.ts',
        'domain-pure: src/domain/impure.ts → fs',
        'domain-pure: src/domain/outside.ts → src/store/reach.ts',
        'hub-not-trading: src/hub/leak.ts → src/trading/bid.ts',
        'hub-supervision-separate: src/supervision/peek.ts → src/hub/notice.ts',
        'not-to-unresolvable: src/trading/typo.ts → ./bids.ts',
        'shared-not-platforms: src/store/reach.ts → src/trading/bid.ts',
        'supervision-not-trading: src/supervision/bids.ts → src/trading/bid.ts',
        'web-not-server: web/src/App.tsx → src/store/reach.ts',
      ]);
      const warnings = violations(result, 'warn');
      expect(warnings).toHaveLength(1); // a cycle is reported once, from one of its modules
      expect(warnings[0]).toMatch(/^no-circular: src\/ledger\/[ab]\.ts → src\/ledger\/[ab]\.ts$/);
    });

    it('accepts a tree that keeps to the boundaries', async () => {
      const root = makeTree({
        'src/domain/money.ts': 'export const cents = (yuan: number): number => Math.round(yuan * 100);\n',
        'src/hub/notice.ts': "import { cents } from '../domain/money.ts';\nexport const fee = cents(12.5);\n",
        'src/trading/bid.ts': "import { cents } from '../domain/money.ts';\nexport const bid = cents(3);\n",
        'web/src/App.tsx':
          "import { cents } from '../../src/domain/money.ts';\nexport const App = () => <p>{cents(1)}</p>;\n",
        // Bids are sealed in the browser with the browser-safe crypto, which may use src/domain.
        'src/crypto/portable/seal.ts':
          "import { cents } from '../../domain/money.ts';\nexport const seal = (): number => cents(1);\n",
        'web/src/sealing.ts':
          "import { seal } from '../../src/crypto/portable/seal.ts';\nexport const s = seal();\n",
        // Cycles broken by a type-only import or a dynamic import() are tolerated.
        'src/ledger/entry.ts':
          "import type { Book } from './book.ts';\nexport type Entry = { book: Book };\n",
        'src/ledger/book.ts':
          "import type { Entry } from './entry.ts';\nexport type Book = { entries: Entry[] };\n",
        'web/src/nav.ts':
          "export const pages = [() => import('./Home.tsx')];\nexport const title = 'home';\n",
        'web/src/Home.tsx':
          "import { title } from './nav.ts';\nexport const Home = () => <h1>{title}</h1>;\n",
      });

      const result = await cruiseTree(root, ['src', 'web/src']);

      expect(result.summary.totalCruised).toBe(10);
      expect(violations(result)).toEqual([]);
    });
  });
});
