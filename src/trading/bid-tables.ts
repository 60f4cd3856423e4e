/** Tables of migration 0004: bid uploads, chunks, bids and receipts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the bids work
export interface BidTables {}
