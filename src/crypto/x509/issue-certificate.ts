import { AsnConvert } from '@peculiar/asn1-schema';
import {
  Certificate,
  Extensions,
  SubjectKeyIdentifier,
  TBSCertificate,
  Validity,
  Version,
  id_ce_subjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import type { Name, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import type { PemKeyPair } from '../portable/suite.ts';
import { buildName, type CertificateName } from './certificate-name.ts';
import { keyIdentifier, profileExtensions, type CertificateProfile } from './certificate-extensions.ts';
import { derToPem, pemToDer } from './pem.ts';
import {
  publicKeyInfoFromPem,
  signatureAlgorithmIdentifier,
  signatureAlgorithmOfPublicKey,
  suiteOfSignatureAlgorithm,
} from './signature-algorithms.ts';
import type { SuiteProvider } from './suite-provider.ts';

/** The CA that signs: its certificate and its private key (PKCS#8 PEM). */
export interface CertificateAuthorityKey {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

export interface IssueCertificateOptions {
  readonly suites: SuiteProvider;
  readonly issuer: CertificateAuthorityKey;
  readonly subject: CertificateName;
  readonly subjectPublicKeyPem: string;
  /** `ca` issues an intermediate CA certificate. */
  readonly profile: CertificateProfile;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Positive serial; by default 16 random bytes. */
  readonly serial?: Uint8Array;
}

export interface CreateRootCertificateOptions {
  readonly suites: SuiteProvider;
  readonly keyPair: PemKeyPair;
  readonly subject: CertificateName;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** Issues an end-entity (or intermediate CA) certificate signed by `issuer`; returns it as PEM. */
export async function issueCertificate(options: IssueCertificateOptions): Promise<string> {
  const issuerCertificate = AsnConvert.parse(
    pemToDer(options.issuer.certificatePem, 'CERTIFICATE'),
    Certificate,
  );
  const issuerTbs = issuerCertificate.tbsCertificate;
  return signCertificate(options, {
    issuerName: issuerTbs.subject,
    issuerPublicKey: issuerTbs.subjectPublicKeyInfo,
    issuerKeyId: subjectKeyIdOf(issuerTbs),
    issuerPrivateKeyPem: options.issuer.privateKeyPem,
  });
}

/** Creates a self-signed root CA certificate for `keyPair`. */
export async function createRootCertificate(options: CreateRootCertificateOptions): Promise<string> {
  const publicKey = publicKeyInfoFromPem(options.keyPair.publicKeyPem);
  return signCertificate(
    { ...options, profile: 'ca', subjectPublicKeyPem: options.keyPair.publicKeyPem },
    {
      issuerName: buildName(options.subject),
      issuerPublicKey: publicKey,
      issuerKeyId: undefined,
      issuerPrivateKeyPem: options.keyPair.privateKeyPem,
    },
  );
}

interface Signer {
  readonly issuerName: Name;
  readonly issuerPublicKey: SubjectPublicKeyInfo;
  /** The issuer's subjectKeyIdentifier when its certificate has one; computed otherwise. */
  readonly issuerKeyId: Uint8Array | undefined;
  readonly issuerPrivateKeyPem: string;
}

async function signCertificate(
  options: Omit<IssueCertificateOptions, 'issuer'>,
  signer: Signer,
): Promise<string> {
  if (options.notAfter <= options.notBefore) throw new Error('the certificate must end after it begins');
  const algorithm = signatureAlgorithmOfPublicKey(signer.issuerPublicKey);
  if (!algorithm) throw new Error("the issuer's key is not SM2, P-256 or Ed25519");
  const suite = options.suites(suiteOfSignatureAlgorithm(algorithm));
  const subjectPublicKey = publicKeyInfoFromPem(options.subjectPublicKeyPem);
  const subjectKeyId = await keyIdentifier(suite, subjectPublicKey);
  const authorityKeyId = signer.issuerKeyId ?? (await keyIdentifier(suite, signer.issuerPublicKey));

  const tbsCertificate = new TBSCertificate({
    version: Version.v3,
    serialNumber: toArrayBuffer(options.serial ?? randomSerial(suite.randomBytes(16))),
    signature: signatureAlgorithmIdentifier(algorithm),
    issuer: signer.issuerName,
    validity: new Validity({ notBefore: options.notBefore, notAfter: options.notAfter }),
    subject: buildName(options.subject),
    subjectPublicKeyInfo: subjectPublicKey,
    extensions: new Extensions(profileExtensions(options.profile, subjectKeyId, authorityKeyId)),
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbsCertificate));
  const signature = await suite.sign(signer.issuerPrivateKeyPem, tbsDer);
  const certificate = new Certificate({
    tbsCertificate,
    signatureAlgorithm: signatureAlgorithmIdentifier(algorithm),
    signatureValue: toArrayBuffer(signature),
  });
  return derToPem(AsnConvert.serialize(certificate), 'CERTIFICATE');
}

function subjectKeyIdOf(tbs: TBSCertificate): Uint8Array | undefined {
  const found = tbs.extensions?.find((item) => item.extnID === id_ce_subjectKeyIdentifier);
  if (!found) return undefined;
  return new Uint8Array(AsnConvert.parse(found.extnValue, SubjectKeyIdentifier).buffer);
}

/** RFC 5280 serials are positive and at most 20 bytes: clear the sign bit, avoid a leading zero byte. */
function randomSerial(bytes: Uint8Array): Uint8Array {
  const serial = bytes.slice();
  serial[0] = serial[0]! & 0x7f || 0x01;
  return serial;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}
