import type { CryptoSuite, SuiteId } from '../portable/suite.ts';

/** Where certificate code gets its cryptography: `nodeSuite` on the server and CLI, `webSuite` in the browser. */
export type SuiteProvider = (id: SuiteId) => CryptoSuite;
