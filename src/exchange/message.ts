import type { SuiteId } from '../crypto/portable/suite.ts';
import { findPlatformCodeProblem } from './codes/identity-codes.ts';
import { DATA_KEY_MAX_LENGTH, DATA_KEY_PATTERN } from './data-key.ts';
import { dataSetSchema } from './data-sets.ts';
import { characterLength, isMissing } from './field-checks.ts';
import {
  fieldError,
  joinPath,
  type FieldError,
  type LocalisedText,
  type ValueProblem,
} from './field-errors.ts';
import { parseInstant } from './instants.ts';
import { isPlainObject, validateRecord, type ExchangeRecord } from './validate-record.ts';

/** The envelope version this code speaks. A receiver refuses any other (`unsupported_version`). */
export const PROTOCOL_VERSION = 1;

/** The sending platform's signature over the canonical JSON of everything else in the message. */
export interface ExchangeSignature {
  readonly suite: SuiteId;
  /** Hex suite hash of the signing public key's SPKI DER (`keyIdOf`). */
  readonly keyId: string;
  /** Base64 of the DER signature (SM2 with SM3 and the default ID, or ECDSA P-256 with SHA-256). */
  readonly value: string;
}

/** One record of one data set on its way from a platform to a receiver, before it is signed. */
export interface UnsignedMessage {
  readonly version: typeof PROTOCOL_VERSION;
  /** A fresh UUID per message sent (a retry may reuse it). */
  readonly messageId: string;
  readonly dataSetCode: string;
  /** Idempotency key, unique per sending platform: the same record resent has the same key (`dataKeyOf`). */
  readonly dataKey: string;
  /** The sender's platform code. */
  readonly platformCode: string;
  /** The receiver's platform code: a hub, or a supervision platform a hub forwards to. */
  readonly hubCode: string;
  readonly sentAt: string;
  /** Messages of one order key (per sender) are applied in `orderSeq` order: the record's order-key field. */
  readonly orderKey: string;
  /** 1, 2, 3… per sender and order key, without gaps. */
  readonly orderSeq: number;
  readonly record: ExchangeRecord;
}

export interface ExchangeMessage extends UnsignedMessage {
  readonly signature: ExchangeSignature;
}

const ENVELOPE_LABELS: Readonly<Record<string, LocalisedText>> = {
  version: { 'zh-CN': '协议版本', 'en-US': 'protocol version' },
  messageId: { 'zh-CN': '消息编号', 'en-US': 'message id' },
  dataSetCode: { 'zh-CN': '数据集代码', 'en-US': 'data set code' },
  dataKey: { 'zh-CN': '数据键', 'en-US': 'data key' },
  platformCode: { 'zh-CN': '发送平台标识码', 'en-US': 'sending platform code' },
  hubCode: { 'zh-CN': '接收平台标识码', 'en-US': 'receiving platform code' },
  sentAt: { 'zh-CN': '发送时间', 'en-US': 'sent at' },
  orderKey: { 'zh-CN': '顺序键', 'en-US': 'order key' },
  orderSeq: { 'zh-CN': '顺序号', 'en-US': 'sequence number' },
  record: { 'zh-CN': '数据记录', 'en-US': 'record' },
  signature: { 'zh-CN': '签名', 'en-US': 'signature' },
  'signature.suite': { 'zh-CN': '签名密码套件', 'en-US': 'signature suite' },
  'signature.keyId': { 'zh-CN': '签名密钥标识', 'en-US': 'signing key id' },
  'signature.value': { 'zh-CN': '签名值', 'en-US': 'signature value' },
};

const ENVELOPE_FIELDS: ReadonlySet<string> = new Set(
  Object.keys(ENVELOPE_LABELS).filter((k) => !k.includes('.')),
);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const KEY_ID = /^[0-9a-f]{64}$/;

export function envelopeError(path: string, problem: ValueProblem): FieldError {
  return fieldError(path, problem.code, { field: path, ...problem.params }, { field: ENVELOPE_LABELS[path] });
}

type Check = (value: string) => ValueProblem | null;

/** A required string field's problem: absent, not a string, or what `check` finds. */
function stringFieldProblem(value: unknown, check: Check): ValueProblem | null {
  if (isMissing(value)) return { code: 'required', params: {} };
  if (typeof value !== 'string') return { code: 'type', params: { expected: 'string' } };
  return check(value);
}

const keyCheck: Check = (value): ValueProblem | null => {
  const length = characterLength(value);
  if (length > DATA_KEY_MAX_LENGTH) return { code: 'too_long', params: { max: DATA_KEY_MAX_LENGTH, length } };
  return DATA_KEY_PATTERN.test(value) ? null : { code: 'format', params: { expected: 'key' } };
};

const STRING_CHECKS: Readonly<Record<string, Check>> = {
  messageId: (v) => (UUID.test(v) ? null : { code: 'format', params: { expected: 'uuid' } }),
  dataSetCode: (v) => (dataSetSchema(v) ? null : { code: 'unknown_data_set', params: { value: v } }),
  dataKey: keyCheck,
  platformCode: findPlatformCodeProblem,
  hubCode: findPlatformCodeProblem,
  sentAt: (v) => (parseInstant(v) === null ? { code: 'format', params: { expected: 'dateTime' } } : null),
  orderKey: keyCheck,
};

function signatureProblems(signature: unknown): FieldError[] {
  if (isMissing(signature)) return [envelopeError('signature', { code: 'unsigned', params: {} })];
  if (!isPlainObject(signature))
    return [envelopeError('signature', { code: 'type', params: { expected: 'object' } })];
  const errors: FieldError[] = [];
  for (const name of Object.keys(signature)) {
    if (!['suite', 'keyId', 'value'].includes(name)) {
      errors.push(fieldError(joinPath('signature', name), 'unknown_field', { name }));
    }
  }
  const checks: Record<string, (v: string) => ValueProblem | null> = {
    suite: (v) =>
      v === 'gm' || v === 'intl'
        ? null
        : { code: 'codelist', params: { value: v, list: 'suite', allowed: 'gm/intl' } },
    keyId: (v) => (KEY_ID.test(v) ? null : { code: 'format', params: { expected: 'digest' } }),
    value: (v) => (BASE64.test(v) ? null : { code: 'format', params: { expected: 'base64' } }),
  };
  for (const [name, check] of Object.entries(checks)) {
    const problem = stringFieldProblem(signature[name], check);
    if (problem) errors.push(envelopeError(joinPath('signature', name), problem));
  }
  return errors;
}

export interface MessageValidationOptions {
  /** false for a message about to be signed. */
  readonly signed: boolean;
  /**
   * A hub forwarding a record keeps the record as it came (its PLATFORM_CODE and
   * PUB_SERVICE_PLAT_CODE name the origin); any other sender must name itself and its receiver there.
   */
  readonly forwarding: boolean;
}

/**
 * The field errors of a message (empty when it is well formed): the envelope's fields, the record
 * against its data set, the order key against the record's order-key field and, unless forwarded,
 * the record's platform codes against the envelope. Does not verify the signature (`verifyMessage`).
 */
export function validateMessage(
  message: unknown,
  options: MessageValidationOptions = { signed: true, forwarding: false },
): FieldError[] {
  if (!isPlainObject(message)) return [fieldError('', 'type', { expected: 'object' })];
  const errors: FieldError[] = [];
  for (const name of Object.keys(message)) {
    if (!ENVELOPE_FIELDS.has(name) || (name === 'signature' && !options.signed)) {
      errors.push(fieldError(name, 'unknown_field', { name }));
    }
  }
  if (message.version === undefined) errors.push(envelopeError('version', { code: 'required', params: {} }));
  else if (message.version !== PROTOCOL_VERSION) {
    const problem = {
      code: 'unsupported_version',
      params: { value: String(message.version), supported: PROTOCOL_VERSION },
    } as const;
    return [envelopeError('version', problem)];
  }
  for (const [name, check] of Object.entries(STRING_CHECKS)) {
    const problem = stringFieldProblem(message[name], check);
    if (problem) errors.push(envelopeError(name, problem));
  }
  const seq = message.orderSeq;
  if (seq === undefined) errors.push(envelopeError('orderSeq', { code: 'required', params: {} }));
  else if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) {
    errors.push(envelopeError('orderSeq', { code: 'type', params: { expected: 'integer' } }));
  } else if (seq < 1) {
    errors.push(
      envelopeError('orderSeq', {
        code: 'out_of_range',
        params: { min: 1, max: Number.MAX_SAFE_INTEGER, value: seq },
      }),
    );
  }
  if (options.signed) errors.push(...signatureProblems(message.signature));

  const schema = typeof message.dataSetCode === 'string' ? dataSetSchema(message.dataSetCode) : undefined;
  if (message.record === undefined) errors.push(envelopeError('record', { code: 'required', params: {} }));
  else if (schema) {
    const recordErrors = validateRecord(schema.code, message.record, 'record');
    errors.push(...recordErrors);
    if (isPlainObject(message.record) && recordErrors.length === 0) {
      errors.push(...consistencyProblems(message, message.record, schema.orderKeyField, options.forwarding));
    }
  }
  return errors;
}

function consistencyProblems(
  message: Record<string, unknown>,
  record: Record<string, unknown>,
  orderKeyField: string,
  forwarding: boolean,
): FieldError[] {
  const pairs: [envelope: string, field: string][] = [['orderKey', orderKeyField]];
  if (!forwarding) pairs.push(['platformCode', 'PLATFORM_CODE'], ['hubCode', 'PUB_SERVICE_PLAT_CODE']);
  return pairs
    .filter(
      ([envelope, field]) => typeof message[envelope] === 'string' && message[envelope] !== record[field],
    )
    .map(([envelope, field]) =>
      fieldError(
        envelope,
        'inconsistent',
        {
          field: envelope,
          other: `record.${field}`,
          value: String(message[envelope]),
          otherValue: String(record[field]),
        },
        { field: ENVELOPE_LABELS[envelope] },
      ),
    );
}
