import { z } from 'zod';
import { isoTime, pageOf, pageQuery } from '../../domain/schemas/common.ts';
import { CA_ALGORITHMS, CA_STATUSES } from './ca-tables.ts';

const PEM_MAX = 64_000;
/** Roughly what fits in the 1 MiB request limit once base64-encoded next to the certificate. */
const DATA_MAX = 700_000;

const certificatePem = z.string().min(1).max(PEM_MAX).describe('X.509 certificate, PEM');

export const certificateName = z.object({
  commonName: z.string(),
  organisation: z.string().optional(),
  creditCode: z.string().optional().describe('unified social credit code (subject serialNumber)'),
});

export const registerCaBody = z.object({
  name: z.string().trim().min(1).max(100).describe('name the hub shows for the CA, e.g. 中国金融认证中心'),
  certificatePem: certificatePem.describe('self-signed root CA certificate, PEM (SM2, ECDSA P-256 or RSA)'),
});

export const uploadCrlBody = z.object({
  crlPem: z.string().min(1).max(8_000_000).describe('X.509 CRL signed by the CA, PEM'),
});

export const withdrawCaBody = z.object({
  reason: z.string().trim().max(500).optional().describe('why the CA is no longer recognised'),
});

export const caIdParams = z.object({ id: z.uuid() });

export const caListQuery = pageQuery.extend({ status: z.enum(CA_STATUSES).optional() });

export const caCrlSummary = z.object({
  crlNumber: z.string().nullable(),
  thisUpdate: isoTime,
  nextUpdate: isoTime.nullable(),
  revokedCount: z.number().int(),
  uploadedAt: isoTime,
});

export const recognisedCa = z.object({
  id: z.uuid(),
  name: z.string(),
  algorithm: z.enum(CA_ALGORITHMS),
  fingerprint: z.string().describe('SHA-256 of the root certificate DER, hex'),
  subject: certificateName,
  notBefore: isoTime,
  notAfter: isoTime,
  status: z.enum(CA_STATUSES),
  registeredAt: isoTime,
  withdrawnAt: isoTime.nullable(),
  withdrawalReason: z.string().nullable(),
  crl: caCrlSummary.nullable(),
});

export const recognisedCaDetail = recognisedCa.extend({
  certificatePem: z.string(),
  crlPem: z.string().nullable(),
});

export const caPage = pageOf(recognisedCa);

export const trustBundle = z.object({
  anchors: z.array(z.string()).describe('root certificates (PEM) of every active recognised CA'),
  crls: z.array(z.string()).describe('the latest CRL (PEM) of each of them'),
  updatedAt: isoTime.nullable().describe('when the bundle last changed; null while empty'),
});

export const verifyCertificateBody = z
  .object({
    certificatePem,
    usage: z.enum(['signing', 'encryption']).default('signing'),
    data: z.base64().max(DATA_MAX).optional().describe('signed data, base64'),
    signature: z
      .base64()
      .max(4096)
      .optional()
      .describe(
        'signature over data, base64: DER for SM2 (SM3, default ID) and ECDSA, PKCS#1 v1.5 SHA-256 for RSA',
      ),
  })
  .refine((body) => (body.data === undefined) === (body.signature === undefined), {
    message: 'data and signature go together',
    path: ['signature'],
  });

export const VERIFY_REASONS = [
  'malformed',
  'untrusted',
  'ca-withdrawn',
  'bad-signature',
  'expired',
  'not-yet-valid',
  'revoked',
  'wrong-usage',
  'crl-stale',
  'signature-mismatch',
] as const;

export const verifyCertificateResult = z.object({
  valid: z.boolean(),
  reason: z.enum(VERIFY_REASONS).optional(),
  detail: z.string().optional(),
  ca: z.object({ id: z.uuid(), name: z.string() }).optional(),
  subject: certificateName.optional(),
  serial: z.string().optional(),
  notAfter: isoTime.optional(),
});

export type RecognisedCaView = z.infer<typeof recognisedCa>;
export type RecognisedCaDetail = z.infer<typeof recognisedCaDetail>;
export type TrustBundle = z.infer<typeof trustBundle>;
export type VerifyCertificateInput = z.infer<typeof verifyCertificateBody>;
export type VerifyCertificateResult = z.infer<typeof verifyCertificateResult>;
export type VerifyReason = (typeof VERIFY_REASONS)[number];
