import { z } from 'zod';
import { isoTime } from '../../domain/schemas/common.ts';
import { tenderExceptionDto } from '../exceptions/tender-exception-view.ts';
import { openingRecordBody, readOutLine } from './opening-record.ts';

export const openingHallDto = z.object({
  projectId: z.string(),
  projectName: z.string(),
  dealCode: z.string(),
  openingAt: isoTime,
  window: z.object({ openedAt: isoTime, closesAt: isoTime }),
  stage: z
    .string()
    .describe(
      "'waiting', 'opened', 'window_closed', 'read_out', or the project's status ('failed', 'terminated')",
    ),
  openedAt: isoTime.nullable(),
  windowClosedAt: isoTime.nullable(),
  readOutAt: isoTime.nullable(),
  lastSeq: z
    .number()
    .int()
    .describe('the last event number: connect the event stream with Last-Event-ID set to it'),
  you: z.object({ organisationId: z.string(), host: z.boolean() }),
  signIns: z.array(z.object({ organisationName: z.string(), capacity: z.string(), signedInAt: isoTime })),
  progress: z
    .object({
      total: z.number().int(),
      pending: z.number().int(),
      decrypted: z.number().int(),
      failed_bidder: z.number().int(),
      failed_other: z.number().int(),
    })
    .nullable()
    .describe('null before the deadline (E4)'),
  bids: z
    .array(readOutLine)
    .describe("the host: every bid's status; a bidder: its own bids; contents only after the read-out"),
  record: z.object({ sha256: z.string(), body: openingRecordBody }).nullable(),
  responses: z.array(
    z.object({
      id: z.string(),
      bidderName: z.string(),
      kind: z.enum(['confirmed', 'objection']),
      text: z.string().nullable(),
      respondedAt: isoTime,
      answer: z.string().nullable(),
      answeredAt: isoTime.nullable(),
    }),
  ),
  exceptions: z.array(tenderExceptionDto),
});
export type OpeningHallDto = z.infer<typeof openingHallDto>;
