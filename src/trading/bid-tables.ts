/**
 * Tables of migration 0004: bid uploads, bids and receipts. Sizes in bytes, amounts in fen. The
 * chunks of an open upload are acknowledged next to its file (see bids/chunk-files.ts).
 */
export interface BidTables {
  bidUpload: {
    id: string;
    projectId: string;
    sectionId: string;
    bidderOrganisationId: string;
    openedByUserId: string | null;
    totalSize: number;
    chunkSize: number;
    chunkCount: number;
    /** SHA-256 of the whole file, declared when the upload opens; checked at completion. */
    fileSha256: string;
    /** 'open' or 'completed'. An upload still open at the deadline never becomes a bid. */
    status: string;
    bidId: string | null;
    createdAt: string;
    completedAt: string | null;
  };
  bid: {
    id: string;
    projectId: string;
    sectionId: string;
    bidderOrganisationId: string;
    uploadId: string;
    fileSha256: string;
    fileSize: number;
    bondAmountFen: number;
    bondPayerAccount: string;
    bondPaidAt: string;
    /** 'current', 'replaced' or 'withdrawn'; at most one current per bidder and section. */
    status: string;
    submittedAt: string;
    submittedByUserId: string | null;
    replacedAt: string | null;
    replacedByBidId: string | null;
    withdrawnAt: string | null;
    withdrawnByUserId: string | null;
  };
  bidReceipt: {
    id: string;
    bidId: string;
    /** Canonical JSON of the receipt, the exact bytes a later signature covers. */
    body: string;
    sha256: string;
    issuedAt: string;
  };
}
