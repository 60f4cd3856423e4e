import type { DataSetSchema } from './data-set-schema.ts';
import { AWARD_DATA_SETS } from './data-sets/award-data-sets.ts';
import { CREDIT_DATA_SETS } from './data-sets/credit-data-sets.ts';
import { ENTITY_DATA_SETS } from './data-sets/entity-data-sets.ts';
import { EVALUATION_DATA_SETS } from './data-sets/evaluation-data-sets.ts';
import { EXPERT_DATA_SETS } from './data-sets/expert-data-sets.ts';
import { SUPERVISION_DATA_SETS } from './data-sets/supervision-data-sets.ts';
import { TENDER_DATA_SETS } from './data-sets/tender-data-sets.ts';

/** Every data set of protocol version 1, by its national code, in code order. */
export const DATA_SETS: ReadonlyMap<string, DataSetSchema> = new Map(
  [
    ...ENTITY_DATA_SETS,
    ...EXPERT_DATA_SETS,
    ...CREDIT_DATA_SETS,
    ...SUPERVISION_DATA_SETS,
    ...TENDER_DATA_SETS,
    ...EVALUATION_DATA_SETS,
    ...AWARD_DATA_SETS,
  ]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((schema) => [schema.code, schema]),
);

export const DATA_SET_CODES: readonly string[] = [...DATA_SETS.keys()];

export function dataSetSchema(code: string): DataSetSchema | undefined {
  return DATA_SETS.get(code);
}
