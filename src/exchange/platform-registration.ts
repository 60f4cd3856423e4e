import { z } from 'zod';
import { readPublicKeyPem } from '../crypto/portable/asymmetric-keys.ts';
import { isAmount } from './amounts.ts';
import { findCreditCodeValueProblem, findPlatformCodeProblem } from './codes/identity-codes.ts';
import { findRegionCodeProblem } from './codes/region-code.ts';
import { DATA_SET_CODES } from './data-sets.ts';
import { PLATFORM_KINDS } from './data-set-schema.ts';
import {
  fieldError,
  type ExchangeErrorCode,
  type FieldError,
  type FieldErrorParams,
  type Parsed,
  type ValueProblem,
} from './field-errors.ts';
import { parseDate, parseInstant } from './instants.ts';
import { platformKeyOf } from './sign-message.ts';

/** Reports one of the protocol's value problems as a zod issue; `issueErrors` turns it back into a field error. */
function addProblem(ctx: z.RefinementCtx, problem: ValueProblem, path?: string[]): void {
  ctx.addIssue({ code: 'custom', message: problem.code, params: { ...problem }, ...(path ? { path } : {}) });
}

/** A zod string refined by one of the protocol's value checks. */
function checked(check: (value: string) => ValueProblem | null) {
  return z.string().superRefine((value, ctx) => {
    const problem = check(value);
    if (problem) addProblem(ctx, problem);
  });
}

const fmt =
  (expected: string, ok: (v: string) => boolean) =>
  (v: string): ValueProblem | null =>
    ok(v) ? null : { code: 'format', params: { expected } };

const text = (max: number) => z.string().trim().min(1).max(max);
const dateTime = checked(fmt('dateTime', (v) => parseInstant(v) !== null));
const date = checked(fmt('date', (v) => parseDate(v) !== null));
const httpUrl = checked(fmt('url', (v) => /^https?:\/\/[^\s]+$/.test(v)));

/** 收费服务: seed §7 — basic services are free; value-added services may be paid, with their fees published. */
const service = z
  .strictObject({
    name: text(100).describe('服务名称 — service'),
    description: text(1000).describe('服务内容 — what it provides'),
    free: z.boolean().describe('是否免费 — free of charge'),
    fee: checked(fmt('amount', isAmount))
      .nullable()
      .describe('收费标准（元），免费时为 null — fee in yuan, null when free'),
    feeUnit: text(50)
      .nullable()
      .describe('计费单位，如“元/次”“元/年”，免费时为 null — unit of the fee, null when free'),
  })
  .superRefine((s, ctx) => {
    for (const name of ['fee', 'feeUnit'] as const) {
      if (s.free && s[name] !== null) {
        const params = { other: 'free', value: String(s[name]), otherValue: 'true' };
        addProblem(ctx, { code: 'inconsistent', params }, [name]);
      }
      if (!s.free && s[name] === null)
        addProblem(ctx, { code: 'required', params: { when: 'free', in: 'false' } }, [name]);
    }
  });

const publicKey = z.strictObject({
  suite: z.enum(['gm', 'intl']).describe('密码套件 — suite: gm (SM2/SM3) or intl (ECDSA P-256/SHA-256)'),
  keyId: checked(fmt('digest', (v) => /^[0-9a-f]{64}$/.test(v))).describe(
    '密钥标识 — key id: suite hash of the SPKI DER',
  ),
  publicKeyPem: z.string().min(1).max(4000).describe('公钥 — public key, PEM (SPKI)'),
  validFrom: dateTime.optional().describe('启用时间 — in use from'),
});

/**
 * 平台登记 (issue 7, seed §3, §4, §14): what a platform submits to dock with a hub. The hub operator
 * approves it; the registration is then published on the hub's disclosure page, keys included.
 */
export const platformRegistration = z.strictObject({
  platformCode: checked(findPlatformCodeProblem).describe('平台标识码 — platform code'),
  platformName: text(100).describe('平台名称 — platform name'),
  kind: z.enum(PLATFORM_KINDS).describe('平台类型 — kind: trading, hub or supervision'),
  regionCode: checked(findRegionCodeProblem).describe('所在行政区划代码 — region (GB/T 2260)'),
  baseUrl: httpUrl.describe('平台接口地址 — base URL of its exchange interface'),
  operator: z.strictObject({
    name: text(200).describe('运营机构名称 — operator'),
    creditCode: checked((v) => findCreditCodeValueProblem(v)).describe(
      "运营机构统一社会信用代码 — operator's credit code",
    ),
    contactName: text(50).describe('联系人 — contact person'),
    contactPhone: text(30).describe('联系电话 — contact telephone'),
    address: text(200).optional().describe('地址 — address'),
  }),
  certification: z.strictObject({
    reportNo: text(100).describe('检测认证报告编号 — certification report number (seed §4)'),
    issuedBy: text(200).describe('检测认证机构 — certification body'),
    issuedOn: date.describe('出具日期 — issued on'),
    validUntil: date.optional().describe('有效期至 — valid until'),
    reportUrl: httpUrl.optional().describe('报告网址 — where the report is published'),
    reportSha256: checked(fmt('digest', (v) => /^[0-9a-f]{64}$/.test(v)))
      .optional()
      .describe('报告文件的 SHA-256 — SHA-256 of the report file'),
  }),
  interfaceStandard: z.strictObject({
    name: text(100).describe('接口标准名称 — interface standard, e.g. 招采数据交换协议'),
    version: z.number().int().min(1).describe('协议版本 — protocol version (1)'),
    dataSets: z
      .array(z.enum(DATA_SET_CODES as [string, ...string[]]))
      .min(1)
      .max(DATA_SET_CODES.length)
      .describe('交换的数据集 — data sets it exchanges'),
  }),
  services: z.array(service).min(1).max(100).describe('服务及收费 — services and fees (seed §7, §14)'),
  publicKeys: z.array(publicKey).min(1).max(10).describe('签名公钥 — signing public keys'),
  submittedAt: dateTime.describe('提交时间 — submitted at'),
});

export type PlatformRegistration = z.infer<typeof platformRegistration>;

/** A field of the registration, for the documentation and the hub's disclosure page. */
export interface RegistrationField {
  /** Dotted path; `[]` marks a list's items, e.g. `publicKeys[].keyId`. */
  readonly path: string;
  /** `中文 — English`, from the schema. */
  readonly description: string;
  readonly required: boolean;
}

/** Every field of the registration, depth first. */
export function registrationFields(
  schema: z.ZodType = platformRegistration,
  prefix = '',
  required = true,
): RegistrationField[] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([name, child]) => {
      const path = prefix ? `${prefix}.${name}` : name;
      const nested = registrationFields(child, path, !(child instanceof z.ZodOptional));
      return nested.length
        ? nested
        : [{ path, description: child.description ?? '', required: !(child instanceof z.ZodOptional) }];
    });
  }
  if (inner instanceof z.ZodArray)
    return registrationFields(inner.element as z.ZodType, `${prefix}[]`, required);
  return [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (
    current instanceof z.ZodOptional ||
    current instanceof z.ZodNullable ||
    current instanceof z.ZodPipe
  ) {
    current = current instanceof z.ZodPipe ? (current.in as z.ZodType) : (current.unwrap() as z.ZodType);
  }
  return current;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function dotted(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

function issueErrors(issue: z.core.$ZodIssue, input: unknown): FieldError[] {
  const path = dotted(issue.path);
  const base = { field: path };
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return [
        fieldError(path, value === undefined || value === null ? 'required' : 'type', {
          ...base,
          expected: issue.expected,
        }),
      ];
    case 'too_big':
      return [
        fieldError(path, 'too_long', {
          ...base,
          max: Number(issue.maximum),
          length: lengthOf(value),
          unit: issue.origin === 'array' ? 'items' : 'characters',
        }),
      ];
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1)
        return [fieldError(path, 'required', base)];
      if (issue.origin === 'number')
        return [
          fieldError(path, 'out_of_range', {
            ...base,
            min: Number(issue.minimum),
            max: Number.MAX_SAFE_INTEGER,
            value: Number(value),
          }),
        ];
      return [
        fieldError(path, 'too_short', {
          ...base,
          min: Number(issue.minimum),
          length: lengthOf(value),
          unit: 'items',
        }),
      ];
    case 'invalid_value':
      return [
        fieldError(path, 'codelist', {
          ...base,
          value: String(value),
          list: path,
          allowed: issue.values.map(String).join('/'),
        }),
      ];
    case 'unrecognized_keys':
      return issue.keys.map((name) => fieldError(dotted([...issue.path, name]), 'unknown_field', { name }));
    case 'custom': {
      const problem = issue.params as { code: ExchangeErrorCode; params: FieldErrorParams } | undefined;
      if (problem) return [fieldError(path, problem.code, { ...base, ...problem.params })];
      return [fieldError(path, 'format', { ...base, expected: 'text' })];
    }
    default:
      return [fieldError(path, 'format', { ...base, expected: 'text' })];
  }
}

function lengthOf(value: unknown): number {
  return typeof value === 'string' ? Array.from(value).length : Array.isArray(value) ? value.length : 0;
}

/** Validates a registration with the protocol's field errors (the hub answers a bad one with them). */
export function validatePlatformRegistration(input: unknown): Parsed<PlatformRegistration> {
  const result = platformRegistration.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: result.error.issues.flatMap((issue) => issueErrors(issue, input)) };
}

const KEY_TYPE = { gm: 'sm2', intl: 'p256' } as const;

/** Checks each registered key: an SM2 key for gm, a P-256 key for intl, and the key id that key hashes to. */
export async function verifyRegistrationKeys(registration: PlatformRegistration): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const [i, key] of registration.publicKeys.entries()) {
    const path = `publicKeys[${i}]`;
    let type: string;
    try {
      type = readPublicKeyPem(key.publicKeyPem).type;
    } catch {
      type = 'unreadable';
    }
    if (type !== KEY_TYPE[key.suite]) {
      errors.push(
        fieldError(`${path}.publicKeyPem`, 'format', {
          field: `${path}.publicKeyPem`,
          expected: 'publicKey',
        }),
      );
      continue;
    }
    const { keyId } = await platformKeyOf(key.suite, key.publicKeyPem);
    if (keyId !== key.keyId) {
      const params = {
        field: `${path}.keyId`,
        other: `${path}.publicKeyPem`,
        value: key.keyId,
        otherValue: keyId,
      };
      errors.push(fieldError(`${path}.keyId`, 'inconsistent', params));
    }
  }
  return errors;
}
