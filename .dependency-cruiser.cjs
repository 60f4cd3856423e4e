// dependency-cruiser rules: the architectural import boundaries of Zhaocai.
// Run with `npm run deps:check`; test/boundaries.test.ts runs the same rules through the JS API.
//
// Paths are relative to the directory the cruise runs in (the repository root), e.g. `src/hub/app.ts`.
// Core modules resolve to their bare name (`fs`, `node:fs`), npm packages to `node_modules/<name>/…`.

/** The three platforms: each is its own service and they talk only via the exchange protocol. */
const PLATFORMS = '(trading|hub|supervision)';
/** Shared code that every platform may use, and that must never depend on a platform. */
const SHARED = '(store|crypto|ledger|exchange|server|accounts|analytics|domain)';
/** The code that also runs in the browser (crypto and the ledger's proofs), except files named `*-node.ts`. */
const BROWSER_CRYPTO = '(src/crypto/(portable|x509)|src/ledger)';
/** Node-only files inside those folders. */
const NODE_ONLY_FILE = '-node[.]ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'hub-not-trading',
      severity: 'error',
      comment:
        'The public service hub is a separate service from the transaction platform: it may not import ' +
        'trading code. Exchange data through src/exchange instead.',
      from: { path: '^src/hub/' },
      to: { path: '^src/trading/' },
    },
    {
      name: 'supervision-not-trading',
      severity: 'error',
      comment:
        'The supervision platform is a separate service from the transaction platform: it may not import ' +
        'trading code. Exchange data through src/exchange instead.',
      from: { path: '^src/supervision/' },
      to: { path: '^src/trading/' },
    },
    {
      name: 'hub-supervision-separate',
      severity: 'error',
      comment:
        'The hub and the supervision platform are separate services (hub ↛ supervision, supervision ↛ hub); ' +
        'they talk only via the exchange protocol.',
      from: { path: '^src/(hub|supervision)/' },
      // $1 is the platform of the importing module: anything in the *other* one is forbidden.
      to: { path: '^src/(hub|supervision)/', pathNot: '^src/$1/' },
    },
    {
      name: 'domain-pure',
      severity: 'error',
      comment:
        'src/domain is pure: it may import only other src/domain modules and zod. No other src folder ' +
        '(store, server, crypto, platforms…), no node core module (fs, net, http, crypto, os, process…), ' +
        'no other npm package.',
      from: { path: '^src/domain/' },
      to: {
        // Everything that is neither domain code nor zod: other src folders, anything outside src,
        // every npm package but zod, and every node core module (dependencyTypes 'core': they resolve
        // to their bare name, `node:fs` → `fs`, so no path exception can let one through).
        pathNot: ['^src/domain/', '(^|/)node_modules/zod/'],
      },
    },
    {
      name: 'shared-not-platforms',
      severity: 'error',
      comment:
        'Shared code (store, crypto, ledger, exchange, server, accounts, analytics, domain) never depends ' +
        'on a platform (trading, hub, supervision). Invert the dependency (pass a port/callback in).',
      from: { path: `^src/${SHARED}/` },
      to: { path: `^src/${PLATFORMS}/` },
    },
    {
      name: 'web-not-server',
      severity: 'error',
      comment:
        'The browser front end may share pure domain code (src/domain) and the browser-safe crypto ' +
        '(src/crypto/portable, src/crypto/x509, src/ledger), so bids are sealed and receipts checked in the browser; everything ' +
        'else in src is server-side. Talk to the server over HTTP.',
      from: { path: '^web/src/' },
      to: { path: '^src/', pathNot: ['^src/domain/', `^${BROWSER_CRYPTO}/`] },
    },
    {
      name: 'browser-crypto-portable',
      severity: 'error',
      comment:
        'src/crypto/portable, src/crypto/x509 and src/ledger run in the browser too: no node core module (fs, crypto, ' +
        'path…), and nothing else from src but src/domain and each other. Node-only code goes in ' +
        'src/crypto/node or a file named *-node.ts.',
      from: { path: `^${BROWSER_CRYPTO}/`, pathNot: NODE_ONLY_FILE },
      to: { pathNot: [`^${BROWSER_CRYPTO}/`, '^src/domain/', '(^|/)node_modules/'] },
    },
    {
      name: 'browser-not-node-only',
      severity: 'error',
      comment:
        'A file named *-node.ts in src/crypto/portable, src/crypto/x509 or src/ledger is Node-only: neither the web app ' +
        'nor the browser-safe crypto may import it.',
      from: { path: ['^web/src/', `^${BROWSER_CRYPTO}/`], pathNot: NODE_ONLY_FILE },
      to: { path: NODE_ONLY_FILE },
    },
    {
      name: 'no-circular',
      severity: 'warn',
      comment:
        'Circular dependency: module initialisation order becomes fragile. Cycles broken by a type-only ' +
        'import (gone at run time) or a dynamic import() (loaded later, e.g. lazy pages) are tolerated.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only', 'dynamic-import'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'This import cannot be resolved to a file on disk (typo, missing package, wrong extension?).',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Also see `import type …` imports: a type-only import across a boundary is still coupling.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
