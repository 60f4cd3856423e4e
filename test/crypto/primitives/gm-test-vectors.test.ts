/**
 * The published examples of the Chinese standards, for both providers: OpenSSL (node:crypto) on the server
 * and sm-crypto-v2 in the browser.
 * - SM3: GB/T 32905-2016 (GM/T 0004-2012) Appendix A, examples 1 ("abc") and 2 ("abcd" × 16, 512 bits).
 * - SM4: GB/T 32907-2016 (GM/T 0002-2012) Appendix A, example 1 (one block) and example 2 (the same block
 *   encrypted 1,000,000 times with the same key).
 */
import { createCipheriv } from 'node:crypto';
import { sm4 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { nodeSuite } from '../../../src/crypto/node/node-suites.ts';
import { bytesToHex, hexToBytes } from '../../../src/crypto/portable/bytes.ts';
import { webSuite } from '../../../src/crypto/portable/web-suites.ts';

const SM3_VECTORS = [
  ['abc', '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0'],
  ['abcd'.repeat(16), 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732'],
] as const;

const SM4_KEY = hexToBytes('0123456789abcdeffedcba9876543210');
const SM4_PLAINTEXT = SM4_KEY;
const SM4_ONCE = '681edf34d206965e86b3e94f536e4246';
const SM4_MILLION_TIMES = '595298c7c6fd271f0402f804c33d3f66';

describe.each([
  ['node', nodeSuite('gm')],
  ['web', webSuite('gm')],
])('SM3 (%s provider)', (_name, suite) => {
  it.each(SM3_VECTORS)('hashes %j as in GB/T 32905 Appendix A', async (message, digest) => {
    expect(bytesToHex(await suite.hash(new TextEncoder().encode(message)))).toBe(digest);
  });
});

/** One SM4 block encryption as each provider does it (the CTR key stream is made of these). */
const SM4_BLOCK_ENCRYPTERS = {
  node: () => {
    const cipher = createCipheriv('sm4-ecb', SM4_KEY, null).setAutoPadding(false);
    return (block: Uint8Array) => cipher.update(block);
  },
  web: () => (block: Uint8Array) =>
    sm4.encrypt(block, SM4_KEY, { mode: 'ecb', padding: 'none', output: 'array' }),
};

describe.each(Object.entries(SM4_BLOCK_ENCRYPTERS))('SM4 (%s provider)', (_name, makeEncrypter) => {
  it('encrypts the example block as in GB/T 32907 Appendix A.1', () => {
    expect(bytesToHex(makeEncrypter()(SM4_PLAINTEXT))).toBe(SM4_ONCE);
  });

  it('encrypts it 1,000,000 times as in GB/T 32907 Appendix A.2', () => {
    const encrypt = makeEncrypter();
    let block: Uint8Array = SM4_PLAINTEXT;
    for (let i = 0; i < 1_000_000; i++) block = encrypt(block);
    expect(bytesToHex(block)).toBe(SM4_MILLION_TIMES);
  }, 60_000);
});
