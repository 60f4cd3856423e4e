import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSuite } from '../../src/crypto/node/node-suites.ts';
import { EXAMPLE_CODES, exampleRegistration } from '../../src/exchange/data-set-examples.ts';
import {
  registrationFields,
  validatePlatformRegistration,
  verifyRegistrationKeys,
  type PlatformRegistration,
} from '../../src/exchange/platform-registration.ts';
import { platformKeyOf, type PlatformKey } from '../../src/exchange/sign-message.ts';

let gm: PlatformKey;
let intl: PlatformKey;
let registration: PlatformRegistration;

beforeAll(async () => {
  gm = await platformKeyOf('gm', (await nodeSuite('gm').generateSigningKeyPair()).publicKeyPem);
  intl = await platformKeyOf('intl', (await nodeSuite('intl').generateSigningKeyPair()).publicKeyPem);
  registration = exampleRegistration([gm, intl]);
});

const errorsOf = (input: unknown) => {
  const result = validatePlatformRegistration(input);
  return result.ok ? [] : result.errors.map(({ path, code }) => ({ path, code }));
};

describe('platform registration', () => {
  it('accepts the example, keys included', async () => {
    expect(errorsOf(registration)).toEqual([]);
    expect(await verifyRegistrationKeys(registration)).toEqual([]);
  });

  it('checks codes with their check characters', () => {
    const credit = EXAMPLE_CODES.operator;
    const wrong = credit.slice(0, 17) + (credit.endsWith('0') ? '1' : '0');
    expect(errorsOf({ ...registration, operator: { ...registration.operator, creditCode: wrong } })).toEqual([
      { path: 'operator.creditCode', code: 'check_character' },
    ]);
    expect(errorsOf({ ...registration, platformCode: `${EXAMPLE_CODES.operator}00` })).toEqual([
      { path: 'platformCode', code: 'format' },
    ]);
    expect(errorsOf({ ...registration, regionCode: '990000' })).toEqual([
      { path: 'regionCode', code: 'codelist' },
    ]);
  });

  it('wants a fee and its unit for a paid service, and none for a free one', () => {
    const [free, paid] = registration.services;
    expect(errorsOf({ ...registration, services: [free, { ...paid, fee: null }] })).toEqual([
      { path: 'services[1].fee', code: 'required' },
    ]);
    expect(errorsOf({ ...registration, services: [{ ...free, fee: '10.00', feeUnit: '元/次' }] })).toEqual([
      { path: 'services[0].fee', code: 'inconsistent' },
      { path: 'services[0].feeUnit', code: 'inconsistent' },
    ]);
    expect(errorsOf({ ...registration, services: [{ ...paid, fee: '300' }] })).toEqual([
      { path: 'services[0].fee', code: 'format' },
    ]);
  });

  it('reports missing, unknown, too long and out-of-list fields', () => {
    const { certification: _c, ...withoutCertification } = registration;
    expect(errorsOf(withoutCertification)).toEqual([{ path: 'certification', code: 'required' }]);
    expect(errorsOf({ ...registration, backdoor: true })).toEqual([
      { path: 'backdoor', code: 'unknown_field' },
    ]);
    expect(errorsOf({ ...registration, platformName: '平'.repeat(101) })).toEqual([
      { path: 'platformName', code: 'too_long' },
    ]);
    expect(errorsOf({ ...registration, kind: 'broker' })).toEqual([{ path: 'kind', code: 'codelist' }]);
    expect(errorsOf({ ...registration, publicKeys: [] })).toEqual([
      { path: 'publicKeys', code: 'too_short' },
    ]);
    expect(
      errorsOf({
        ...registration,
        interfaceStandard: { ...registration.interfaceStandard, dataSets: ['599'] },
      }),
    ).toEqual([{ path: 'interfaceStandard.dataSets[0]', code: 'codelist' }]);
  });

  it('checks that each key id is its key’s hash and each key fits its suite', async () => {
    const swapped = { ...registration, publicKeys: [{ ...registration.publicKeys[0]!, keyId: intl.keyId }] };
    const mismatch = await verifyRegistrationKeys(swapped);
    expect(mismatch.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'publicKeys[0].keyId', code: 'inconsistent' },
    ]);
    const wrongSuite = {
      ...registration,
      publicKeys: [{ ...registration.publicKeys[1]!, suite: 'gm' as const }],
    };
    expect((await verifyRegistrationKeys(wrongSuite)).map((e) => e.code)).toEqual(['format']);
    const garbage = {
      ...registration,
      publicKeys: [{ ...registration.publicKeys[0]!, publicKeyPem: 'key' }],
    };
    expect((await verifyRegistrationKeys(garbage)).map((e) => e.path)).toEqual([
      'publicKeys[0].publicKeyPem',
    ]);
  });

  it('lists its fields with a description in both languages', () => {
    const fields = registrationFields();
    expect(fields.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        'platformCode',
        'operator.creditCode',
        'services[].fee',
        'publicKeys[].keyId',
        'certification.reportNo',
      ]),
    );
    for (const field of fields) expect(field.description, field.path).toMatch(/^\S.* — \S/);
  });
});
