import type { OwnBid } from '../../domain/schemas/bid-schemas.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { Page } from '../../store/page.ts';
import { tradingDb } from '../schema.ts';
import { bidderOrganisationOf } from './bid-guards.ts';

export interface ListOwnBidsOptions {
  readonly sectionId: string;
  readonly page: number;
  readonly pageSize: number;
  readonly status?: OwnBid['status'] | undefined;
}

/** The bidder's own bids on a section (current, replaced, withdrawn), newest first. */
export async function listOwnBids(ctx: UseCaseContext, options: ListOwnBidsOptions): Promise<Page<OwnBid>> {
  const organisationId = bidderOrganisationOf(ctx);
  let query = tradingDb(ctx.db)
    .selectFrom('bid')
    .where('sectionId', '=', options.sectionId)
    .where('bidderOrganisationId', '=', organisationId);
  if (options.status) query = query.where('status', '=', options.status);
  const total = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('submittedAt', 'desc')
    .orderBy('id')
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize)
    .execute();
  return {
    items: rows.map((row) => ({
      id: row.id,
      sectionId: row.sectionId,
      fileSha256: row.fileSha256,
      fileSize: Number(row.fileSize),
      status: row.status as OwnBid['status'],
      bidBond: {
        amount: Number(row.bondAmountFen) / 100,
        payerAccount: row.bondPayerAccount,
        paidAt: row.bondPaidAt,
      },
      submittedAt: row.submittedAt,
      replacedAt: row.replacedAt,
      withdrawnAt: row.withdrawnAt,
    })),
    total: Number(total.n),
    page: options.page,
    pageSize: options.pageSize,
  };
}
