import type { CryptoSuite, SuiteId } from './suite.ts';
import { webGmSuite } from './web-gm-suite.ts';
import { webIntlSuite } from './web-intl-suite.ts';

/** The cipher suites for the browser (WebCrypto and sm-crypto-v2); same bytes as `nodeSuite`. */
export function webSuite(id: SuiteId): CryptoSuite {
  switch (id) {
    case 'gm':
      return webGmSuite;
    case 'intl':
      return webIntlSuite;
    default:
      throw new Error(`unknown cipher suite "${String(id)}": expected gm or intl`);
  }
}
