import { randomBytes } from 'node:crypto';
import { drawCrypto } from '../../crypto/portable/draw-random.ts';
import type { DrawCrypto, DrawHashAlgorithm } from '../../domain/evaluation/expert-draw.ts';

/** A fresh 256-bit value for the platform's own commitment, or for an absent party. */
export function platformDrawValue(): string {
  return randomBytes(32).toString('hex');
}

/** The project's cipher suite picks the hash: SM3 for `gm`, SHA-256 for `intl`. */
export function drawAlgorithmFor(cipherSuite: string): DrawHashAlgorithm {
  return cipherSuite === 'intl' ? 'sha256' : 'sm3';
}

export function cryptoOf(request: { algorithm: string }): DrawCrypto {
  return drawCrypto(request.algorithm as DrawHashAlgorithm);
}
