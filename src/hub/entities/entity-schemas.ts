import { z } from 'zod';
import { FEED_LIMIT_DEFAULT, FEED_LIMIT_MAX } from '../../exchange/feed.ts';
import { isoTime, pageOf, pageQuery } from '../../domain/schemas/common.ts';
import { ENTITY_KINDS } from './entity-repository.ts';

export const entity = z.object({
  creditCode: z.string().describe('统一社会信用代码'),
  name: z.string(),
  kinds: z.array(z.enum(ENTITY_KINDS)).describe('capacities registered in (data sets 101–103)'),
  legalType: z.string().nullable().describe('code list legalType'),
  legalStatus: z.string().nullable().describe('code list legalStatus'),
  regionCode: z.string().describe('GB/T 2260 region of registration'),
  legalRepresentative: z.string().nullable(),
  firstPlatformCode: z.string().describe('the platform that first registered it'),
  version: z.number().int().describe('1 when registered, one more at each change'),
  registeredAt: isoTime,
  updatedAt: isoTime,
});

const fieldChange = z.object({ from: z.unknown(), to: z.unknown() });

export const entityChange = z.object({
  creditCode: z.string(),
  version: z.number().int().describe("the entity's version after the change"),
  dataSetCode: z.string().describe('the entity data set whose record made the change'),
  changes: z.record(z.string(), fieldChange).describe('each changed field, before and after'),
  platformCode: z.string(),
  at: isoTime,
});

export const entityChangesPage = z.object({
  items: z.array(entityChange),
  next: z.string().describe('opaque cursor to resume after this page'),
});

export const entityListQuery = pageQuery.extend({
  q: z.string().max(100).optional().describe('part of the name or credit code'),
});
export const entityPage = pageOf(entity);

export const entityChangesQuery = z.object({
  creditCodes: z.string().max(4000).optional().describe('comma-separated credit codes, at most 200'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(FEED_LIMIT_MAX).default(FEED_LIMIT_DEFAULT),
});
