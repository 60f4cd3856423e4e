import { z } from 'zod';
import { canonicalJson } from '../../../domain/canonical-json.ts';
import { SUITE_IDS } from '../suite.ts';
import {
  ENVELOPE_FORMAT,
  ENVELOPE_VERSION,
  MAX_SEGMENT_SIZE,
  MIN_SEGMENT_SIZE,
  NONCE_LENGTH,
} from './envelope-format.ts';
import { EnvelopeError } from './envelope-error.ts';
import { constantTimeEqual } from '../bytes.ts';

const text = z.string().max(1000);
const pem = z.string().max(16 * 1024);
const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64')
  .refine((text) => text.length % 4 === 0, 'base64');

export const RECIPIENT_ROLES = ['bidder', 'opening'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

const recipientSchema = z.strictObject({
  role: z.enum(RECIPIENT_ROLES),
  /** Hex suite hash of the recipient's SPKI DER. */
  keyId: z.string().regex(/^[0-9a-f]{64}$/, 'hex digest'),
  wrappedKey: base64.max(4096),
});

/** The envelope header: what the platform checks on upload and the analytics read, all public. */
export const envelopeHeaderSchema = z
  .strictObject({
    format: z.literal(ENVELOPE_FORMAT),
    version: z.literal(ENVELOPE_VERSION),
    suite: z.enum(SUITE_IDS),
    tender: z.strictObject({ projectId: text, dealCode: text }),
    section: z.strictObject({ id: text, code: text }),
    bidder: z.strictObject({ organisationId: text, creditCode: text, name: text }),
    createdAt: z.iso.datetime(),
    tool: z.strictObject({ name: text, version: text }),
    /** Identifiers of the producing machine for the collusion analytics; empty when unknown. */
    machine: z.strictObject({
      cpu: text,
      macs: z.array(text).max(64),
      diskSerial: text,
      tenderFileId: text,
    }),
    segmentSize: z.int().min(MIN_SEGMENT_SIZE).max(MAX_SEGMENT_SIZE),
    plaintextLength: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
    nonce: base64,
    recipients: z
      .array(recipientSchema)
      .length(2)
      .refine((recipients) => RECIPIENT_ROLES.every((role) => recipients.some((r) => r.role === role)), {
        message: 'needs one bidder and one opening recipient',
      }),
    signer: z.strictObject({ certificatePem: pem, encryptionCertificatePem: pem }),
  })
  .refine((header) => decodedLength(header.nonce) === NONCE_LENGTH[header.suite], {
    message: 'nonce has the wrong length for the suite',
    path: ['nonce'],
  });

export type EnvelopeHeader = z.infer<typeof envelopeHeaderSchema>;

/** Bytes in a base64 string, or -1 when it does not decode (a tampered header must not throw). */
function decodedLength(base64: string): number {
  try {
    return atob(base64).length;
  } catch {
    return -1;
  }
}

export function encodeHeader(header: EnvelopeHeader): Uint8Array {
  return new TextEncoder().encode(canonicalJson(header));
}

/** Parses and checks a header; the bytes must be the canonical form, so a header has one digest. */
export function decodeHeader(bytes: Uint8Array): EnvelopeHeader {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new EnvelopeError('header-malformed', 'header malformed: not UTF-8 JSON');
  }
  const suite = (json as { suite?: unknown } | null)?.suite;
  if (!SUITE_IDS.includes(suite as never)) {
    throw new EnvelopeError(
      'unknown-suite',
      `unknown cipher suite ${JSON.stringify(suite)} (known: gm, intl)`,
    );
  }
  const parsed = envelopeHeaderSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EnvelopeError(
      'header-malformed',
      `header malformed: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  if (!constantTimeEqual(encodeHeader(parsed.data), bytes)) {
    throw new EnvelopeError('header-malformed', 'header malformed: not in canonical JSON form');
  }
  return parsed.data;
}
