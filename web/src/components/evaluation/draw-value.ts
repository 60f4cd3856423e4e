import { drawCrypto } from '../../../../src/crypto/portable/draw-random.ts';
import { drawCommitment, type DrawHashAlgorithm } from '../../../../src/domain/evaluation/expert-draw.ts';

// The tenderer's draw value (commit–reveal, docs/experts.md): made in the browser and committed
// as H(value ‖ party); the platform sees only the commitment until the reveal after the freeze.
const VALUE_BYTES = 32;

/** A fresh 256-bit value from the browser's cryptographic generator, as lowercase hex. */
export function newDrawValue(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(VALUE_BYTES));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function commitmentOf(
  algorithm: DrawHashAlgorithm,
  party: 'tenderer' | 'supervisor',
  value: string,
): string {
  return drawCommitment(drawCrypto(algorithm), party, value);
}
