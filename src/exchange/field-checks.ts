import { isIP } from 'node:net';
import { isAmount } from './amounts.ts';
import { codeListCodes } from './code-lists.ts';
import {
  findCreditCodeValueProblem,
  findDealCodeValueProblem,
  findPlatformCodeProblem,
  findProjectCodeProblem,
  findSectionCodeValueProblem,
} from './codes/identity-codes.ts';
import { findRegionCodeProblem } from './codes/region-code.ts';
import { findResidentIdProblem } from './codes/resident-id.ts';
import {
  fieldError,
  joinPath,
  type ErrorLabels,
  type FieldError,
  type ValueProblem,
} from './field-errors.ts';
import { URL_MAX_LENGTH, type FieldSpec, type FieldType } from './field-types.ts';
import { parseDate, parseInstant } from './instants.ts';

// Control characters other than tab, line feed and carriage return.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Absent, null, or a string of nothing but white space. */
export function isMissing(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Length in characters (Unicode code points), the unit of every maximum length in the protocol. */
export function characterLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function stringProblem(type: FieldType, value: string): ValueProblem | null {
  switch (type.kind) {
    case 'text': {
      if (CONTROL.test(value)) return { code: 'format', params: { expected: 'text' } };
      const length = characterLength(value);
      return length > type.maxLength ? { code: 'too_long', params: { max: type.maxLength, length } } : null;
    }
    case 'identifier': {
      const length = characterLength(value);
      if (length > type.maxLength) return { code: 'too_long', params: { max: type.maxLength, length } };
      return IDENTIFIER.test(value) ? null : { code: 'format', params: { expected: 'identifier' } };
    }
    case 'code': {
      const allowed = codeListCodes(type.list);
      return allowed.includes(value)
        ? null
        : { code: 'codelist', params: { value, list: type.list, allowed: allowed.join('/') } };
    }
    case 'decimal': {
      const pattern = new RegExp(
        `^(0|[1-9]\\d{0,${type.integerDigits - 1}})(\\.\\d{1,${type.fractionDigits}})?$`,
      );
      return pattern.test(value)
        ? null
        : {
            code: 'format',
            params: {
              expected: 'decimal',
              integerDigits: type.integerDigits,
              fractionDigits: type.fractionDigits,
            },
          };
    }
    case 'creditCode':
      return findCreditCodeValueProblem(value);
    case 'dealCode':
      return findDealCodeValueProblem(value);
    case 'sectionCode':
      return findSectionCodeValueProblem(value);
    case 'platformCode':
      return findPlatformCodeProblem(value);
    case 'regionCode':
      return findRegionCodeProblem(value);
    case 'projectCode':
      return findProjectCodeProblem(value);
    case 'dateTime':
      return parseInstant(value) === null ? { code: 'format', params: { expected: 'dateTime' } } : null;
    case 'date':
      return parseDate(value) === null ? { code: 'format', params: { expected: 'date' } } : null;
    case 'amount':
      return isAmount(value) ? null : { code: 'format', params: { expected: 'amount' } };
    case 'residentId':
      return findResidentIdProblem(value);
    case 'url': {
      const length = characterLength(value);
      if (length > URL_MAX_LENGTH) return { code: 'too_long', params: { max: URL_MAX_LENGTH, length } };
      return /^https?:\/\/[^\s]+$/.test(value) ? null : { code: 'format', params: { expected: 'url' } };
    }
    case 'digest':
      return /^[0-9a-f]{64}$/.test(value) ? null : { code: 'format', params: { expected: 'digest' } };
    case 'macAddress':
      return /^[0-9A-F]{2}([-:])(?:[0-9A-F]{2}\1){4}[0-9A-F]{2}$/i.test(value)
        ? null
        : { code: 'format', params: { expected: 'macAddress' } };
    case 'ipAddress':
      return isIP(value) === 0 ? { code: 'format', params: { expected: 'ipAddress' } } : null;
    case 'integer':
      return { code: 'type', params: { expected: 'integer' } };
    case 'list':
      return { code: 'type', params: { expected: 'array' } };
  }
}

function checkType(
  type: FieldType,
  value: unknown,
  path: string,
  name: string,
  labels: ErrorLabels,
): FieldError[] {
  const refuse = (problem: ValueProblem): FieldError[] => [
    fieldError(path, problem.code, { field: name, ...problem.params }, labels),
  ];
  if (type.kind === 'integer') {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      return refuse({ code: 'type', params: { expected: 'integer' } });
    }
    return value < type.min || value > type.max
      ? refuse({ code: 'out_of_range', params: { min: type.min, max: type.max, value } })
      : [];
  }
  if (type.kind === 'list') {
    if (!Array.isArray(value)) return refuse({ code: 'type', params: { expected: 'array' } });
    if (value.length > type.maxItems) {
      return refuse({
        code: 'too_long',
        params: { max: type.maxItems, length: value.length, unit: 'items' },
      });
    }
    if (value.length < type.minItems) {
      return refuse({
        code: 'too_short',
        params: { min: type.minItems, length: value.length, unit: 'items' },
      });
    }
    const errors: FieldError[] = [];
    const seen = new Map<unknown, number>();
    value.forEach((item, index) => {
      const itemPath = joinPath(path, index);
      errors.push(...checkType(type.item, item, itemPath, name, labels));
      const first = seen.get(item);
      if (first === undefined) seen.set(item, index);
      else {
        const params = { field: name, value: String(item), firstPath: joinPath(path, first) };
        errors.push(fieldError(itemPath, 'duplicate', params, labels));
      }
    });
    return errors;
  }
  if (typeof value !== 'string') return refuse({ code: 'type', params: { expected: 'string' } });
  const problem = stringProblem(type, value);
  return problem ? refuse(problem) : [];
}

/** The errors of one field's value at `path`: required, type, length, format, check character, code list. */
export function checkField(field: FieldSpec, value: unknown, path: string): FieldError[] {
  const labels = { field: field.label };
  if (isMissing(value)) {
    return field.required ? [fieldError(path, 'required', { field: field.name }, labels)] : [];
  }
  return checkType(field.type, value, path, field.name, labels);
}
