import type { DataSetSchema } from './data-set-schema.ts';
import { dataSetSchema } from './data-sets.ts';
import { checkField, isMissing } from './field-checks.ts';
import { fieldError, joinPath, type FieldError } from './field-errors.ts';
import type { FieldSpec } from './field-types.ts';
import { parseDate, parseInstant } from './instants.ts';

/** A record's value on the wire: strings, integers and lists of strings only, so its canonical JSON is the same everywhere. */
export type RecordValue = string | number | readonly string[];
export type ExchangeRecord = Readonly<Record<string, RecordValue>>;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldOf(schema: DataSetSchema, name: string): FieldSpec {
  return schema.fields.find((f) => f.name === name)!;
}

function timeOf(field: FieldSpec, value: unknown): number | null {
  if (typeof value !== 'string') return null;
  return field.type.kind === 'date' ? parseDate(value) : parseInstant(value);
}

function conditionHolds(
  record: Record<string, unknown>,
  when: string,
  values: readonly string[] | undefined,
): boolean {
  const value = record[when];
  if (isMissing(value)) return false;
  return values === undefined || (typeof value === 'string' && values.includes(value));
}

function recordProblems(schema: DataSetSchema, record: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set(schema.fields.map((f) => f.name));
  for (const name of Object.keys(record)) {
    if (!known.has(name)) {
      errors.push(fieldError(joinPath(path, name), 'unknown_field', { name, dataSetCode: schema.code }));
    }
  }
  for (const field of schema.fields)
    errors.push(...checkField(field, record[field.name], joinPath(path, field.name)));
  const invalid = new Set(errors.map((e) => e.path));

  for (const rule of schema.requiredWhen) {
    if (!isMissing(record[rule.field]) || !conditionHolds(record, rule.when, rule.in)) continue;
    const field = fieldOf(schema, rule.field);
    const params = { field: rule.field, when: rule.when, ...(rule.in ? { in: rule.in.join('/') } : {}) };
    errors.push(fieldError(joinPath(path, rule.field), 'required', params, { field: field.label }));
  }

  for (const order of schema.dateOrder) {
    const [earlier, later] = [fieldOf(schema, order.earlier), fieldOf(schema, order.later)];
    const [from, to] = [timeOf(earlier, record[order.earlier]), timeOf(later, record[order.later])];
    if (from === null || to === null || (order.strict ? to > from : to >= from)) continue;
    errors.push(
      fieldError(
        joinPath(path, order.later),
        'date_order',
        { field: order.later, other: order.earlier, strict: order.strict ? 1 : 0 },
        { field: later.label, other: earlier.label },
      ),
    );
  }

  for (const rule of schema.prefixes) {
    const prefix = record[rule.startsWith];
    const fieldPath = joinPath(path, rule.field);
    if (typeof prefix !== 'string' || invalid.has(joinPath(path, rule.startsWith))) continue;
    const value = record[rule.field];
    const values: [string, unknown][] = Array.isArray(value)
      ? value.map((item, i) => [joinPath(fieldPath, i), item])
      : [[fieldPath, value]];
    for (const [at, item] of values) {
      if (typeof item !== 'string' || invalid.has(at) || item.startsWith(prefix)) continue;
      errors.push(
        fieldError(
          at,
          'inconsistent',
          {
            field: rule.field,
            other: rule.startsWith,
            relation: 'startsWith',
            value: item,
            otherValue: prefix,
          },
          { field: fieldOf(schema, rule.field).label, other: fieldOf(schema, rule.startsWith).label },
        ),
      );
    }
  }
  return errors;
}

/**
 * The field errors of one record of a data set (empty when it is valid): unknown fields, required,
 * type, length, format and check characters, code lists, conditional requirements, date order, and
 * section codes that do not belong to the record's deal code. Pure: no I/O, no clock.
 */
export function validateRecord(dataSetCode: string, record: unknown, path = 'record'): FieldError[] {
  const schema = dataSetSchema(dataSetCode);
  if (!schema) return [fieldError('dataSetCode', 'unknown_data_set', { value: String(dataSetCode) })];
  if (!isPlainObject(record)) return [fieldError(path, 'type', { expected: 'object' })];
  return recordProblems(schema, record, path);
}

/** The values of some of a record's fields; absent optional fields count as "". Null when a required one is absent. */
function tupleOf(schema: DataSetSchema, record: unknown, names: readonly string[]): string[] | null {
  if (!isPlainObject(record)) return null;
  const tuple: string[] = [];
  for (const name of names) {
    const value = record[name];
    if (isMissing(value)) {
      if (fieldOf(schema, name).required) return null;
      tuple.push('');
    } else if (typeof value === 'string' || typeof value === 'number') tuple.push(String(value));
    else return null;
  }
  return tuple;
}

/** A record's natural key: the values of the data set's key fields, or null when one is missing. */
export function recordKeyOf(schema: DataSetSchema, record: unknown): readonly string[] | null {
  return tupleOf(schema, record, schema.key);
}

/**
 * Validates a batch of records of one data set that together describe one state (the sections of a
 * tender, the bidders of a section…): each record, and that no two share their natural key or one
 * of the data set's unique field combinations.
 */
export function validateRecords(
  dataSetCode: string,
  records: readonly unknown[],
  path = 'records',
): FieldError[] {
  const schema = dataSetSchema(dataSetCode);
  if (!schema) return [fieldError('dataSetCode', 'unknown_data_set', { value: String(dataSetCode) })];
  const errors = records.flatMap((record, i) => validateRecord(dataSetCode, record, joinPath(path, i)));
  for (const names of [schema.key, ...schema.unique]) {
    const seen = new Map<string, number>();
    records.forEach((record, i) => {
      const tuple = tupleOf(schema, record, names);
      if (!tuple) return;
      const id = JSON.stringify(tuple);
      const first = seen.get(id);
      if (first === undefined) {
        seen.set(id, i);
        return;
      }
      const last = names[names.length - 1]!;
      const params = { field: names.join('+'), value: tuple.join(' / '), firstPath: joinPath(path, first) };
      errors.push(
        fieldError(
          joinPath(joinPath(path, i), last),
          'duplicate',
          params,
          names.length === 1 ? { field: fieldOf(schema, last).label } : {},
        ),
      );
    });
  }
  return errors;
}
