import type { Kysely, Selectable } from 'kysely';
import type { CommonTables, Db, Trx } from '../../store/schema.ts';

export const CA_ALGORITHMS = ['sm2', 'ecdsa', 'rsa'] as const;
export type CaAlgorithm = (typeof CA_ALGORITHMS)[number];

export const CA_STATUSES = ['active', 'withdrawn'] as const;
export type CaStatus = (typeof CA_STATUSES)[number];

/** A recognised CA: its self-signed root certificate and what the hub read from it at registration. */
export interface HubCaTable {
  id: string;
  /** The operator's name for the CA, e.g. 中国金融认证中心 (CFCA). */
  name: string;
  algorithm: CaAlgorithm;
  certificatePem: string;
  /** SHA-256 of the certificate's DER, hex. */
  fingerprint: string;
  /** JSON of the subject's CertificateName. */
  subject: string;
  /** DER of the subject name in hex, as `ParsedCertificate.subjectKey`: what issued certificates name. */
  subjectKey: string;
  notBefore: string;
  notAfter: string;
  status: CaStatus;
  /** Username of the operator. */
  registeredBy: string;
  registeredAt: string;
  withdrawnBy: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
}

/** The latest CRL of a CA; an upload replaces it. */
export interface HubCaCrlTable {
  caId: string;
  crlPem: string;
  /** RFC 5280 cRLNumber, decimal, when the CRL has one. */
  crlNumber: string | null;
  thisUpdate: string;
  nextUpdate: string | null;
  revokedCount: number;
  uploadedBy: string;
  uploadedAt: string;
}

export interface HubCaTables extends CommonTables {
  hubCa: HubCaTable;
  hubCaCrl: HubCaCrlTable;
}
export type HubCaDb = Kysely<HubCaTables>;
export type HubCaRow = Selectable<HubCaTable>;
export type HubCaCrlRow = Selectable<HubCaCrlTable>;

/** The use-case context carries the common schema; the CA code sees its own tables. */
export function hubCaDb(db: Db | Trx): HubCaDb {
  return db as unknown as HubCaDb;
}
