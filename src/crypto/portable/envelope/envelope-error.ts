/**
 * What can be wrong with an envelope. Each code has its own message so the platform, the CLI and
 * the tamper tests can say exactly which check failed.
 */
export const ENVELOPE_PROBLEMS = [
  'not-an-envelope',
  'unsupported-version',
  'unknown-suite',
  'suite-mismatch',
  'header-malformed',
  'truncated',
  'trailer-missing',
  'trailing-data',
  'segment-malformed',
  'segment-out-of-order',
  'segment-altered',
  'header-mismatch',
  'digest-mismatch',
  'bad-signature',
  'recipient-mismatch',
  'wrong-key',
  'plaintext-length',
] as const;

export type EnvelopeProblem = (typeof ENVELOPE_PROBLEMS)[number];

export class EnvelopeError extends Error {
  constructor(
    readonly problem: EnvelopeProblem,
    message: string,
  ) {
    super(message);
    this.name = 'EnvelopeError';
  }
}
