import { z } from 'zod';
import { EXPERT_CATEGORIES } from '../../domain/evaluation/committee-rules.ts';
import {
  DRAW_HASHES,
  DRAW_PARTIES,
  REPLACEMENT_REASONS,
  drawLog,
  drawValue,
} from '../../domain/evaluation/expert-draw.ts';
import { isoTime, pageQuery } from '../../domain/schemas/common.ts';

const id = z.string().min(1).max(64);
const specialty = z.string().trim().min(1).max(64);
const region = z.string().trim().min(1).max(32).describe('administrative region code, e.g. 350100');

export const expertParams = z.object({ expertId: id });

export const expertInput = z.object({
  name: z.string().trim().min(1).max(64),
  idNumber: z.string().min(15).max(18).describe('居民身份证号; only its SHA-256 is kept'),
  specialties: z.array(specialty).min(1).max(20),
  employerOrganisationId: id.nullable().default(null),
  region,
  category: z.enum(EXPERT_CATEGORIES),
  userId: id.nullable().default(null).describe("the expert's own account, to see its seats"),
  conflictOrganisationIds: z.array(id).max(100).default([]),
});
export type ExpertInput = z.infer<typeof expertInput>;

export const expertUpdate = expertInput.omit({ idNumber: true }).partial();
export type ExpertUpdate = z.infer<typeof expertUpdate>;

const range = z
  .object({ startsAt: z.iso.datetime(), endsAt: z.iso.datetime() })
  .refine((r) => Date.parse(r.startsAt) < Date.parse(r.endsAt), 'startsAt must precede endsAt');

export const availabilityBody = z.object({
  unavailable: z.array(range).max(100).describe('ranges [startsAt, endsAt) in which the expert cannot sit'),
});

export const expertView = z.object({
  id: z.string(),
  name: z.string(),
  specialties: z.array(z.string()),
  employerOrganisationId: z.string().nullable(),
  region: z.string(),
  category: z.enum(EXPERT_CATEGORIES),
  userId: z.string().nullable(),
  conflictOrganisationIds: z.array(z.string()),
  unavailable: z.array(z.object({ startsAt: isoTime, endsAt: isoTime })),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type ExpertView = z.infer<typeof expertView>;

export const expertListQuery = pageQuery.extend({
  specialty: specialty.optional(),
  region: region.optional(),
  category: z.enum(EXPERT_CATEGORIES).optional(),
  availableAt: z.iso.datetime().optional().describe('only experts not unavailable at this instant'),
});
export type ExpertListQuery = z.infer<typeof expertListQuery>;

export const committeeRequestBody = z.object({
  size: z.number().int().min(1).max(99),
  tendererRepresentatives: z.number().int().min(0).max(99).default(0),
  requirements: z
    .array(
      z.object({ specialty, category: z.enum(EXPERT_CATEGORIES), count: z.number().int().min(1).max(99) }),
    )
    .min(1)
    .max(20),
  evaluationAt: z.iso.datetime().describe('when the committee sits; experts unavailable then are left out'),
  designatedExpertIds: z
    .array(id)
    .optional()
    .describe('always refused (C6, 条例 46): experts are drawn, never named'),
});
export type CommitteeRequestBody = z.infer<typeof committeeRequestBody>;

/** The platform commits its own value itself; the others hand in theirs. */
const outsideParty = z.enum(['tenderer', 'supervisor']);

export const commitmentBody = z.object({
  party: outsideParty,
  commitment: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe('hex of H(len‖value ‖ len‖party), see docs/experts.md'),
});
export const revealBody = z.object({ party: outsideParty, value: drawValue });
export const replacementBody = z.object({
  seat: z.number().int().min(1),
  reason: z.enum(REPLACEMENT_REASONS),
});

export const committeeView = z.object({
  requestId: z.string(),
  sectionId: z.string(),
  status: z.enum(['committing', 'frozen', 'drawn']),
  size: z.number().int(),
  tendererRepresentatives: z.number().int(),
  requirements: z.array(
    z.object({ specialty: z.string(), category: z.enum(EXPERT_CATEGORIES), count: z.number() }),
  ),
  evaluationAt: isoTime,
  algorithm: z.enum(DRAW_HASHES),
  eligibleCount: z.number().int().nullable(),
  eligibleDigest: z.string().nullable(),
  seed: z.string().nullable(),
  parties: z.array(
    z.object({
      party: z.enum(DRAW_PARTIES),
      commitment: z.string(),
      committedAt: isoTime,
      substituted: z.boolean(),
      value: z.string().nullable().describe('the revealed value; null until revealed'),
    }),
  ),
  namesVisible: z.boolean().describe('false: seats are anonymous until the result is published (法 37)'),
  seats: z.array(
    z.object({
      seat: z.number().int(),
      specialty: z.string(),
      category: z.enum(EXPERT_CATEGORIES),
      status: z.enum(['seated', 'vacated']),
      step: z.number().int(),
      expert: z
        .object({ expertId: z.string(), name: z.string(), employerOrganisationId: z.string().nullable() })
        .nullable(),
    }),
  ),
});
export type CommitteeView = z.infer<typeof committeeView>;

export const drawLogView = z.object({
  log: drawLog,
  replay: z.object({
    matches: z.boolean().describe('the replay reproduces the stored committee'),
    problem: z.string().nullable(),
  }),
});

/** Where a seat's evaluation stands: no session yet, a session open, or its report finalised. */
export const SEAT_STATUSES = ['upcoming', 'evaluating', 'done'] as const;
export type SeatStatus = (typeof SEAT_STATUSES)[number];

export const mySeatsQuery = pageQuery.extend({
  pageSize: z.coerce.number().int().min(1).max(100).default(20).describe('rows per page, at most 100'),
  status: z.enum(SEAT_STATUSES).optional(),
});
export type MySeatsQuery = z.infer<typeof mySeatsQuery>;

export const mySeatView = z.object({
  projectId: z.string(),
  projectName: z.string(),
  dealCode: z.string(),
  sectionId: z.string(),
  sectionCode: z.string(),
  sectionName: z.string(),
  seat: z.number().int(),
  specialty: z.string(),
  category: z.enum(EXPERT_CATEGORIES),
  evaluationAt: isoTime,
  status: z.enum(SEAT_STATUSES),
  evaluationStatus: z
    .enum(['open', 'finalised'])
    .nullable()
    .describe("the section's evaluation session, null until it is opened"),
  drawnAt: isoTime.nullable(),
});
export type MySeatView = z.infer<typeof mySeatView>;
