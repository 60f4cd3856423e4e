import { aCreditCode } from '../../../support/factories.ts';
import { nodeSuite } from '../../../../src/crypto/node/node-suites.ts';
import type { PemKeyPair, SuiteId } from '../../../../src/crypto/portable/suite.ts';
import type { CertificateProfile } from '../../../../src/crypto/x509/certificate-extensions.ts';
import type { CertificateName } from '../../../../src/crypto/x509/certificate-name.ts';
import { createRootCertificate, issueCertificate } from '../../../../src/crypto/x509/issue-certificate.ts';
import { issueCrl, type Revocation } from '../../../../src/crypto/x509/issue-crl.ts';

export const DAY = 24 * 60 * 60 * 1000;
/** A fixed "now" for every test: validation takes its time from the caller, never from the system clock. */
export const NOW = new Date('2026-03-01T08:00:00Z');

export const daysFromNow = (days: number) => new Date(NOW.getTime() + days * DAY);

export interface TestCa {
  readonly suite: SuiteId;
  readonly keys: PemKeyPair;
  readonly certificatePem: string;
  issue(options?: {
    subject?: CertificateName;
    profile?: CertificateProfile;
    notBefore?: Date;
    notAfter?: Date;
  }): Promise<{ certificatePem: string; keys: PemKeyPair }>;
  crl(
    revocations?: readonly Revocation[],
    options?: { thisUpdate?: Date; nextUpdate?: Date },
  ): Promise<string>;
}

export const A_USER: CertificateName = {
  commonName: '张三',
  organisation: '福州测试建设有限公司',
  creditCode: aCreditCode(4),
};

export async function aTestCa(
  suite: SuiteId,
  commonName = `测试 CA ${suite}`,
  parent?: TestCa,
): Promise<TestCa> {
  const keys = await nodeSuite(suite).generateSigningKeyPair();
  const subject = { commonName, organisation: '招采开发 CA' };
  const validity = { notBefore: daysFromNow(-30), notAfter: daysFromNow(3650) };
  const certificatePem = parent
    ? await issueCertificate({
        suites: nodeSuite,
        issuer: { certificatePem: parent.certificatePem, privateKeyPem: parent.keys.privateKeyPem },
        subject,
        subjectPublicKeyPem: keys.publicKeyPem,
        profile: 'ca',
        ...validity,
      })
    : await createRootCertificate({ suites: nodeSuite, keyPair: keys, subject, ...validity });
  const issuer = { certificatePem, privateKeyPem: keys.privateKeyPem };
  return {
    suite,
    keys,
    certificatePem,
    async issue(options = {}) {
      const profile = options.profile ?? 'signing';
      const subjectKeys =
        profile === 'encryption'
          ? await nodeSuite(suite).generateEncryptionKeyPair()
          : await nodeSuite(suite).generateSigningKeyPair();
      const issued = await issueCertificate({
        suites: nodeSuite,
        issuer,
        subject: options.subject ?? A_USER,
        subjectPublicKeyPem: subjectKeys.publicKeyPem,
        profile,
        notBefore: options.notBefore ?? daysFromNow(-1),
        notAfter: options.notAfter ?? daysFromNow(365),
      });
      return { certificatePem: issued, keys: subjectKeys };
    },
    crl(revocations = [], options = {}) {
      return issueCrl({
        suites: nodeSuite,
        issuer,
        revocations,
        thisUpdate: options.thisUpdate ?? daysFromNow(-1),
        nextUpdate: options.nextUpdate ?? daysFromNow(7),
        crlNumber: 1,
      });
    },
  };
}
