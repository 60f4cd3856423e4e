import type { CryptoSuite, SuiteId } from '../portable/suite.ts';
import { nodeGmSuite } from './node-gm-suite.ts';
import { nodeIntlSuite } from './node-intl-suite.ts';

/** The cipher suites backed by OpenSSL (node:crypto), for the server and the CLI. */
export function nodeSuite(id: SuiteId): CryptoSuite {
  switch (id) {
    case 'gm':
      return nodeGmSuite;
    case 'intl':
      return nodeIntlSuite;
    default:
      throw new Error(`unknown cipher suite "${String(id)}": expected gm or intl`);
  }
}
