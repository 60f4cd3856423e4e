import { z } from 'zod';
import { sectionParams } from '../../domain/schemas/bid-schemas.ts';
import { isoTime } from '../../domain/schemas/common.ts';
import { rejectionGround } from './evaluation-config.ts';

export { sectionParams };
export const sectionBidParams = sectionParams.extend({ bidId: z.string().min(1).max(64) });

export const votesBody = z.object({
  votes: z
    .array(
      z.object({
        bidId: z.string().min(1).max(64),
        requirementId: z.string().min(1).max(64),
        pass: z.boolean(),
        ground: rejectionGround.nullable().optional().describe('条例 51 ground named by a failing vote'),
        note: z.string().max(2000).nullable().optional(),
      }),
    )
    .min(1)
    .max(1000),
});

export const reviewResult = z.object({
  outcomes: z.array(z.object({ bidId: z.string(), status: z.string(), grounds: z.array(z.string()) })),
});

export const scoreSheetBody = z.object({
  entries: z
    .array(
      z.object({
        bidId: z.string().min(1).max(64),
        criterion: z.string().min(1).max(100),
        points: z.number(),
      }),
    )
    .max(5000),
});

export const chairBody = z.object({
  expertId: z.string().min(1).max(64).describe('the member nominated as chair'),
});
export const clarificationBody = z.object({
  bidId: z.string().min(1).max(64),
  decision: z
    .enum(['accepted', 'below_cost'])
    .describe("'accepted': price explained | 'below_cost': 条例 51 (5)"),
  note: z.string().min(1).max(4000),
});
export const dissentBody = z.object({
  opinion: z.string().min(1).max(4000),
  reason: z.string().min(1).max(4000),
});
export const signBody = z.object({
  reportSha256: z.string().regex(/^[0-9a-f]{64}$/),
  kind: z.enum(['signed', 'refused']),
  writtenReason: z
    .string()
    .max(4000)
    .nullable()
    .optional()
    .describe('a refusal with a reason is a dissent (条例 53)'),
  signature: z
    .object({
      algorithm: z.enum(['sm2-sm3', 'ecdsa-p256-sha256']),
      certificatePem: z.string().max(20_000),
      value: z.string().max(2000),
    })
    .nullable()
    .optional()
    .describe('optional signature over reportSha256 made with the member’s certificate; kept as sent'),
});
export const priceDeviationBody = z.object({
  bidId: z.string().min(1).max(64),
  description: z.string().trim().min(1).max(500).describe('what is quantified (价格折算)'),
  amountFen: z
    .int()
    .refine((n) => n !== 0, { message: 'must not be 0' })
    .describe('signed fen added to the price for the ranking; negative when it favours the tenderer'),
});
export const priceDeviationParams = sectionParams.extend({ deviationId: z.string().min(1).max(64) });
export const priceDeviationResult = z.object({
  id: z.string(),
  bidId: z.string(),
  evaluatedPriceFen: z.number().int(),
  reportDiscarded: z.boolean().describe('a draft report was discarded; the chair redrafts'),
  at: isoTime,
});
export const moreTimeBody = z.object({ reason: z.string().min(1).max(4000) });
export const extendBody = z.object({ until: isoTime, reason: z.string().min(1).max(4000) });

const label = z.string().describe('seat label, e.g. M3');
export const evaluationSessionView = z.object({
  view: z.enum(['member', 'supervisor', 'manager']),
  sessionId: z.string(),
  projectId: z.string(),
  sectionId: z.string(),
  status: z.enum(['open', 'finalised']),
  openedAt: isoTime,
  extendedUntil: isoTime.nullable(),
  finalisedAt: isoTime.nullable(),
  method: z.enum(['comprehensive', 'lowest_price']),
  requirements: z.array(
    z.object({ id: z.string(), stage: z.string(), title: z.string(), ground: z.string().nullable() }),
  ),
  members: z.array(
    z.object({
      label,
      expertId: z.string().nullable(),
      name: z.string().nullable(),
      chair: z.boolean(),
      self: z.boolean(),
    }),
  ),
  bids: z.array(
    z.object({
      bidId: z.string(),
      bidderName: z.string(),
      priceFen: z.number().int().nullable(),
      review: z.enum(['pending', 'passed', 'rejected']),
      grounds: z.array(z.string()),
      deviations: z
        .array(
          z.object({
            id: z.string(),
            description: z.string(),
            amountFen: z.number().int(),
            recordedAt: isoTime,
          }),
        )
        .describe('the chair’s quantified deviations (价格折算), lowest evaluated price only'),
      evaluatedPriceFen: z
        .number()
        .int()
        .nullable()
        .describe('price plus deviations, for a bid that passed under the lowest evaluated price'),
    }),
  ),
  votes: z.array(
    z.object({
      member: label,
      bidId: z.string(),
      requirementId: z.string(),
      pass: z.boolean(),
      ground: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  scoreSheets: z.array(
    z.object({
      member: label,
      savedAt: isoTime,
      entries: z.array(z.object({ bidId: z.string(), criterion: z.string(), points: z.number() })),
    }),
  ),
  scoreSheetsHandedIn: z.number().int(),
  basePriceFen: z.number().int().nullable(),
  priceScores: z.array(z.object({ bidId: z.string(), priceScoreCenti: z.number().int() })),
  abnormalPrices: z.array(
    z.object({
      bidId: z.string(),
      priceFen: z.number().int(),
      referenceFen: z.number().int(),
      thresholdFen: z.number().int(),
      requiresClarification: z.literal(true),
      article: z.object({ zh: z.string(), en: z.string() }),
      clarification: z.string().nullable(),
    }),
  ),
  report: z
    .object({
      status: z.enum(['draft', 'final']),
      reportSha256: z.string(),
      signedSha256: z.string().describe('the SHA-256 of the findings the members sign'),
      candidates: z.array(z.unknown()),
      reportJson: z.string().nullable(),
    })
    .nullable(),
  signatures: z.array(z.object({ member: label, kind: z.string(), at: isoTime })),
  dissents: z.number().int(),
  timeEvents: z.array(
    z.object({ type: z.string(), at: isoTime, reason: z.string(), until: isoTime.nullable() }),
  ),
  moreTimeRequired: z.boolean(),
});
