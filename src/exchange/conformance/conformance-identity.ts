import { randomInt } from 'node:crypto';
import { nodeSuite } from '../../crypto/node/node-suites.ts';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { CREDIT_CODE_ALPHABET, creditCodeCheckCharacter } from '../../domain/credit-code.ts';
import { buildDealCode } from '../../domain/deal-code.ts';
import { platformCode } from '../codes/identity-codes.ts';
import { EXAMPLE_CODES, exampleRecord, exampleRegistration } from '../data-set-examples.ts';
import { PROTOCOL_VERSION } from '../message.ts';
import type { PlatformRegistration } from '../platform-registration.ts';
import { platformKeyOf, type PlatformKey, type SigningKey } from '../sign-message.ts';
import type { ExchangeRecord, RecordValue } from '../validate-record.ts';

/** An SM2 signing key made for one run, with what a registration publishes of it. */
export type ConformanceKey = SigningKey & PlatformKey;

/** The made-up transaction platform a conformance run plays: its code, its key and its tender. */
export interface ConformanceIdentity {
  readonly platformCode: string;
  readonly key: ConformanceKey;
  /** A deal code of the example tenderer no earlier run used, so runs do not collide at the hub. */
  readonly dealCode: string;
}

/** A fresh SM2 (gm) signing key. */
export async function newSigningKey(): Promise<ConformanceKey> {
  const pair = await nodeSuite('gm').generateSigningKeyPair('sm2-sm3');
  const { keyId } = await platformKeyOf('gm', pair.publicKeyPem);
  return { suite: 'gm', keyId, publicKeyPem: pair.publicKeyPem, privateKeyPem: pair.privateKeyPem };
}

/**
 * A valid platform code of a made-up operator: `91` (an enterprise), region 350100, nine random
 * characters, the GB 32100 check character, then system number 01.
 */
export function randomPlatformCode(): string {
  let body = '91350100';
  for (let i = 0; i < 9; i++) body += CREDIT_CODE_ALPHABET.charAt(randomInt(CREDIT_CODE_ALPHABET.length));
  return platformCode(body + creditCodeCheckCharacter(body), 1);
}

export async function newConformanceIdentity(
  now: Date,
  code = randomPlatformCode(),
): Promise<ConformanceIdentity> {
  const dealCode = buildDealCode(EXAMPLE_CODES.tenderer, now, randomInt(1, 1_000_000));
  return { platformCode: code, key: await newSigningKey(), dealCode };
}

/** The registration the run submits: the example platform's, under the run's code and key. */
export function conformanceRegistration(identity: ConformanceIdentity, now: Date): PlatformRegistration {
  const example = exampleRegistration([identity.key]);
  return {
    ...example,
    platformCode: identity.platformCode,
    platformName: `接入检测平台 ${identity.platformCode.slice(-6)}`,
    baseUrl: 'https://conformance.example.cn/api/exchange',
    certification: { ...example.certification, reportNo: `CONFORMANCE-${identity.platformCode}` },
    interfaceStandard: { ...example.interfaceStandard, version: PROTOCOL_VERSION },
    services: [
      {
        name: '接入检测',
        description: '数据交换协议接入检测（zhaocai exchange conformance）',
        free: true,
        fee: null,
        feeUnit: null,
      },
    ],
    publicKeys: [
      { suite: identity.key.suite, keyId: identity.key.keyId, publicKeyPem: identity.key.publicKeyPem },
    ],
    submittedAt: now.toISOString(),
  };
}

/**
 * The example record of a data set moved to the run's tender (deal code, section codes and the
 * URLs that name it), sent by the run's platform to `hubCode`.
 */
export function conformanceRecord(
  dataSetCode: string,
  identity: ConformanceIdentity,
  hubCode: string,
): ExchangeRecord {
  const moved = JSON.parse(
    canonicalJson(exampleRecord(dataSetCode)).replaceAll(EXAMPLE_CODES.deal, identity.dealCode),
  ) as Record<string, RecordValue>;
  return { ...moved, PLATFORM_CODE: identity.platformCode, PUB_SERVICE_PLAT_CODE: hubCode };
}
