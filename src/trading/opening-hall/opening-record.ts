import { z } from 'zod';
import { isoTime } from '../../domain/schemas/common.ts';
import { fenToYuanText, readRequiredItems } from '../../domain/tender/bid-form.ts';
import type { DecryptionStatus } from '../../domain/tender/decryption-rules.ts';
import type { HallBid } from './hall-state.ts';

/** What the read-out says of each decryption status (E7: 撤销 through the bidder, 撤回 through others). */
export const STATUS_TEXT: Record<DecryptionStatus, string> = {
  pending: '待解密',
  decrypted: '解密成功',
  failed_bidder: '因投标人原因未解密，投标被撤销（E7，《电子招标投标办法》第31条）',
  failed_other: '因投标人以外的原因未解密，视为撤回投标（E7，《电子招标投标办法》第31条）',
};

/** The read-out says this of a decrypted bid whose package carries no valid bid form. */
export const NO_BID_FORM = '未提供投标函';

export const readOutLine = z.object({
  bidId: z.string(),
  ledgerLeafIndex: z
    .int()
    .nullable()
    .optional()
    .describe(
      "the leaf of the bid's bid.submitted event in the platform's ledger, the one its receipt proves: no receipted bid can be left out unseen",
    ),
  sectionCode: z.string(),
  bidderName: z.string(),
  status: z.enum(['pending', 'decrypted', 'failed_bidder', 'failed_other']),
  statusText: z.string(),
  decryptedBy: z.string().nullable(),
  bidForm: z.enum(['present', 'missing']).nullable().describe('null: not decrypted, nothing to read'),
  bidFormText: z.string().nullable(),
  priceFen: z.number().int().nullable(),
  priceYuan: z.string().nullable().describe('投标报价 in yuan, two decimals'),
  durationDays: z.number().int().nullable(),
  qualityCommitment: z.string().nullable(),
  bidBondFen: z.number().int().nullable(),
  items: z.record(z.string(), z.string()),
  requiredItems: z
    .array(z.object({ name: z.string(), value: z.string().nullable(), text: z.string() }))
    .optional()
    .describe(
      "唱标内容 the tender documents require, once decrypted, in their order: a lacking item's value is null and its text 未提供 (the evaluation judges it); absent in records read out before tenders named them",
    ),
});
export type ReadOutLine = z.infer<typeof readOutLine>;

export const openingRecordBody = z.object({
  version: z.literal(1),
  rule: z.literal('E8'),
  projectId: z.string(),
  dealCode: z.string(),
  projectName: z.string(),
  tendererName: z.string(),
  agencyName: z.string().nullable(),
  openingAt: isoTime,
  openedAt: isoTime,
  window: z.object({ openedAt: isoTime, closesAt: isoTime }),
  windowClosedAt: isoTime,
  readOutAt: isoTime,
  openingKey: z.object({ remedy: z.boolean(), reassembledAt: isoTime.nullable() }),
  signIns: z.array(z.object({ organisationName: z.string(), capacity: z.string(), signedInAt: isoTime })),
  sections: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      opened: z.boolean(),
      failure: z.string().nullable(),
      readOutItems: z
        .array(z.string())
        .optional()
        .describe(
          '唱标内容 the tender documents require; absent in records read out before tenders named them',
        ),
      lines: z.array(readOutLine),
    }),
  ),
});
export type OpeningRecordBody = z.infer<typeof openingRecordBody>;

/** One line of the read-out (唱标): bidder, status per E7, and, once decrypted, its bid form. */
export function readOutLineOf(bid: HallBid): ReadOutLine {
  const status = bid.status ?? 'pending';
  const form = status === 'decrypted' ? bid.form : null;
  const formState = status === 'decrypted' ? (form ? 'present' : 'missing') : null;
  return {
    bidId: bid.bidId,
    ledgerLeafIndex: bid.ledgerLeafIndex,
    sectionCode: bid.sectionCode,
    bidderName: bid.bidderName,
    status,
    statusText: STATUS_TEXT[status],
    decryptedBy: bid.decryptedBy,
    bidForm: formState,
    bidFormText: formState === 'missing' ? NO_BID_FORM : null,
    priceFen: form?.priceFen ?? null,
    priceYuan: form ? fenToYuanText(form.priceFen) : null,
    durationDays: form?.durationDays ?? null,
    qualityCommitment: form?.qualityCommitment ?? null,
    bidBondFen: form?.bidBondFen ?? null,
    items: form?.items ?? {},
    requiredItems: form ? readRequiredItems(form, bid.requiredItems) : [],
  };
}
