import { z } from 'zod';
import { ROLES } from '../roles.ts';
import { isoTime, pageOf, pageQuery } from './common.ts';

export const role = z.enum(ROLES);

export const organisation = z.object({
  id: z.string(),
  creditCode: z.string().describe('统一社会信用代码 (18 characters, GB 32100-2015)'),
  name: z.string(),
  region: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type OrganisationDto = z.infer<typeof organisation>;

export const registerOrganisationBody = z.object({
  creditCode: z.string().min(1).max(40),
  name: z.string().min(1).max(200),
  region: z.string().max(100).nullish(),
  legalRepresentative: z.string().max(100).nullish(),
  roles: z
    .array(z.enum(['tenderer', 'agency', 'bidder']))
    .max(3)
    .optional()
    .describe('capacities it registers in; each is reported to the hub (data sets 101–103)'),
});

export const organisationListQuery = pageQuery.extend({
  q: z.string().max(100).optional().describe('part of the name or credit code'),
});
export const organisationPage = pageOf(organisation);

export const sessionUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  locale: z.string(),
  roles: z.array(role),
  organisation: z.object({ id: z.string(), creditCode: z.string(), name: z.string() }).nullable(),
});
export type SessionUserDto = z.infer<typeof sessionUser>;

export const loginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export const loginResponse = z.object({ token: z.string(), expiresAt: isoTime, user: sessionUser });

export const addUserBody = z.object({
  username: z.string().min(3).max(64),
  displayName: z.string().max(100).default(''),
  password: z.string().min(1).max(256),
  organisationId: z.string().nullish(),
  roles: z.array(role).min(1),
  locale: z.enum(['zh-CN', 'en-US']).optional(),
});

export const userListItem = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  roles: z.array(role),
  disabledAt: isoTime.nullable(),
  createdAt: isoTime,
});
export const userListQuery = pageQuery.extend({
  q: z.string().max(100).optional(),
  role: role.optional(),
  organisationId: z.string().optional(),
});
export const userPage = pageOf(userListItem);

export const auditEvent = z.object({
  seq: z.number().int(),
  id: z.string(),
  occurredAt: isoTime,
  actorUserId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorOrganisationId: z.string().nullable(),
  actorRoles: z.string(),
  ip: z.string(),
  userAgent: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  stateHash: z.string(),
  detail: z.string(),
  sealKey: z.string().nullable(),
  eventHash: z.string(),
});
export const auditListQuery = pageQuery.extend({
  action: z.string().max(64).optional(),
  objectType: z.string().max(64).optional(),
  objectId: z.string().max(128).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
});
export const auditPage = pageOf(auditEvent);

export const systemInfo = z.object({
  service: z.enum(['trading', 'hub', 'supervision']),
  version: z.string(),
  clock: z.object({ mode: z.enum(['production', 'sandbox', 'test']), factor: z.number(), now: isoTime }),
});
