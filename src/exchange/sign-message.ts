import { canonicalJson } from '../domain/canonical-json.ts';
import { nodeSuite } from '../crypto/node/node-suites.ts';
import { keyIdOf } from '../crypto/portable/envelope/key-id.ts';
import type { SuiteId } from '../crypto/portable/suite.ts';
import type { FieldError } from './field-errors.ts';
import { envelopeError, type ExchangeMessage, type UnsignedMessage } from './message.ts';

/** A platform's public signing key as a receiver knows it from the platform's registration. */
export interface PlatformKey {
  readonly suite: SuiteId;
  /** `keyIdOf(suite, publicKeyPem)`: computed once at registration, not per message. */
  readonly keyId: string;
  readonly publicKeyPem: string;
}

/** The sender's signing key. */
export interface SigningKey {
  readonly suite: SuiteId;
  readonly keyId: string;
  readonly privateKeyPem: string;
}

export type VerifyResult =
  | { readonly ok: true; readonly key: PlatformKey }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** The key id and suite of a public key, as a registration stores it. */
export async function platformKeyOf(suite: SuiteId, publicKeyPem: string): Promise<PlatformKey> {
  return { suite, keyId: await keyIdOf(nodeSuite(suite), publicKeyPem), publicKeyPem };
}

/**
 * The signed bytes: the UTF-8 of the canonical JSON (keys sorted, no white space) of the message
 * without its `signature`. Every field of the envelope and the record is covered.
 */
export function signingBytes(message: UnsignedMessage | ExchangeMessage): Uint8Array {
  const { signature: _signature, ...unsigned } = message as ExchangeMessage;
  return new TextEncoder().encode(canonicalJson(unsigned));
}

/** Signs a message with the sending platform's key (SM2/SM3 for gm, ECDSA P-256/SHA-256 for intl). */
export async function signMessage(unsigned: UnsignedMessage, key: SigningKey): Promise<ExchangeMessage> {
  const { signature: _old, ...body } = unsigned as ExchangeMessage;
  const value = await nodeSuite(key.suite).sign(key.privateKeyPem, signingBytes(body));
  return {
    ...body,
    signature: { suite: key.suite, keyId: key.keyId, value: Buffer.from(value).toString('base64') },
  };
}

/**
 * Verifies a message's signature against the keys the sending platform registered: `unsigned` when it
 * has none, `unknown_key` when its key id is not one of them, `bad_signature` when the bytes do not
 * verify (the message was altered, or signed by another key under a borrowed key id).
 */
export async function verifyMessage(
  message: ExchangeMessage,
  keysOfPlatform: readonly PlatformKey[],
): Promise<VerifyResult> {
  const signature = message.signature as ExchangeMessage['signature'] | undefined;
  if (!signature || typeof signature.value !== 'string' || signature.value === '') {
    return { ok: false, errors: [envelopeError('signature', { code: 'unsigned', params: {} })] };
  }
  const key = keysOfPlatform.find((k) => k.keyId === signature.keyId && k.suite === signature.suite);
  if (!key) {
    const params = {
      keyId: String(signature.keyId),
      suite: String(signature.suite),
      platformCode: String(message.platformCode),
    };
    return { ok: false, errors: [envelopeError('signature.keyId', { code: 'unknown_key', params })] };
  }
  let valid: boolean;
  try {
    valid = await nodeSuite(key.suite).verify(
      key.publicKeyPem,
      signingBytes(message),
      Buffer.from(signature.value, 'base64'),
    );
  } catch {
    valid = false;
  }
  return valid
    ? { ok: true, key }
    : { ok: false, errors: [envelopeError('signature.value', { code: 'bad_signature', params: {} })] };
}
