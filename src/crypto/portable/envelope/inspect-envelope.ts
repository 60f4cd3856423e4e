import type { SuiteProvider } from '../../x509/suite-provider.ts';
import { bytesToHex } from '../bytes.ts';
import { EnvelopeChecks } from './envelope-checks.ts';
import { EnvelopeError, type EnvelopeProblem } from './envelope-error.ts';
import type { EnvelopeHeader } from './envelope-header.ts';
import { readEnvelope } from './read-envelope.ts';

export interface EnvelopeInspection {
  /** True only when the structure, every digest and the signature check out. */
  readonly valid: boolean;
  readonly header?: EnvelopeHeader;
  /** Hex suite hash of prelude ‖ header. */
  readonly headerDigest?: string;
  /** Hex digest the bidder signed: the suite hash of the concatenated segment digests. */
  readonly ciphertextDigest?: string;
  readonly signatureValid: boolean;
  readonly errors: readonly { readonly problem: EnvelopeProblem; readonly message: string }[];
}

/**
 * Checks an envelope without any key: framing, header, segment digests, trailer and the bidder's
 * signature. What the platform runs on every upload; it never sees the content. `suites` is a
 * provider (`nodeSuite`, `webSuite`) because the suite is read from the header.
 */
export async function inspectEnvelope(
  suites: SuiteProvider,
  bytes: AsyncIterable<Uint8Array>,
): Promise<EnvelopeInspection> {
  let checks: EnvelopeChecks | undefined;
  let result: { ciphertextDigest: string; problems: EnvelopeError[] } | undefined;
  try {
    for await (const part of readEnvelope(bytes)) {
      if (part.kind === 'header') {
        checks = await EnvelopeChecks.start(suites(part.header.suite), part.header, part.bytes);
      } else if (part.kind === 'segment') {
        await checks!.addSegment(part.index, part.sealed);
      } else {
        const problems = await checks!.finish(part.trailer);
        result = { ciphertextDigest: bytesToHex(part.trailer.ciphertextDigest), problems };
      }
    }
  } catch (error) {
    if (!(error instanceof EnvelopeError)) throw error;
    return summary(checks, undefined, [error]);
  }
  return summary(checks, result!.ciphertextDigest, result!.problems);
}

function summary(
  checks: EnvelopeChecks | undefined,
  ciphertextDigest: string | undefined,
  problems: readonly EnvelopeError[],
): EnvelopeInspection {
  return {
    valid: problems.length === 0,
    header: checks?.header,
    headerDigest: checks && bytesToHex(checks.headerDigest),
    ciphertextDigest,
    signatureValid: checks?.signatureValid ?? false,
    errors: problems.map((p) => ({ problem: p.problem, message: p.message })),
  };
}
