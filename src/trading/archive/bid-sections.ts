import {
  type ArchivePart,
  type ArchiveRecord,
  type ArchiveBlob,
  type ArchiveScope,
  numbers,
  projectRows,
} from './archive-part.ts';

export async function bidUploadsSection({ db, projectId }: ArchiveScope): Promise<ArchivePart> {
  const rows = await db
    .selectFrom('bidUpload')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return {
    records: [{ path: 'bids/uploads.json', value: rows.map((r) => numbers(r, ['totalSize'])) }],
    subjects: [
      {
        objectTypes: ['bid_upload'],
        ids: projectRows(db, 'bidUpload', projectId),
      },
    ],
  };
}

/**
 * bids/<section>/<bidder credit code>/: each bid's envelope exactly as received (never its
 * plaintext), its receipt with the platform's signature, and its record with the decryption
 * outcome. A bid later replaced or withdrawn keeps its own folder under earlier/<bid id>/.
 */
export async function bidsSection({
  db,
  projectId,
  receiptKey,
  ledgerEvidence,
}: ArchiveScope): Promise<ArchivePart> {
  const bids = await db
    .selectFrom('bid as b')
    .innerJoin('tenderSection as s', 's.id', 'b.sectionId')
    .innerJoin('organisation as o', 'o.id', 'b.bidderOrganisationId')
    .leftJoin('bidReceipt as r', 'r.bidId', 'b.id')
    .selectAll('b')
    .select([
      's.code as sectionCode',
      'o.creditCode',
      'o.name as bidderName',
      'r.body as receiptBody',
      'r.sha256 as receiptSha256',
      'r.signature as receiptSignature',
      'r.signerKeyId as receiptKeyId',
    ])
    .where('b.projectId', '=', projectId)
    .orderBy('s.code')
    .orderBy('o.creditCode')
    .orderBy('b.submittedAt')
    .execute();
  const records: ArchiveRecord[] = [];
  const blobs: ArchiveBlob[] = [];
  for (const bid of bids) {
    const { receiptBody, receiptSha256, receiptSignature, receiptKeyId, ...row } = bid;
    const folder =
      bid.status === 'current'
        ? `bids/${bid.sectionCode}/${bid.creditCode}`
        : `bids/${bid.sectionCode}/${bid.creditCode}/earlier/${bid.id}`;
    blobs.push({ path: `${folder}/envelope.zcbe`, blobHash: bid.fileSha256 });
    records.push({
      path: `${folder}/bid.json`,
      value: numbers(row, ['fileSize', 'bondAmountFen', 'decryptedSize', 'bidPriceFen']),
    });
    if (receiptBody !== null) {
      records.push({
        path: `${folder}/receipt.json`,
        // The shape `zhaocai receipt verify` checks.
        value: {
          receipt: JSON.parse(receiptBody) as unknown,
          canonical: receiptBody,
          sha256: receiptSha256,
          signature: {
            algorithm: 'sm2-sm3',
            keyId: receiptKeyId,
            publicKeyPem: receiptKeyId === receiptKey.keyId ? receiptKey.publicKeyPem : undefined,
            value: receiptSignature,
          },
          ledger: await ledgerEvidence(bid.id),
        },
      });
    }
  }
  return {
    records,
    blobs,
    subjects: [
      {
        objectTypes: ['bid'],
        ids: projectRows(db, 'bid', projectId),
      },
    ],
  };
}

/**
 * opening/opening-key.json: the tender's opening public key and its holders. Only public parts:
 * neither a holder's encrypted share nor the plaintext share it handed in leaves the platform.
 */
export async function openingKeySection({ db, projectId }: ArchiveScope): Promise<ArchivePart> {
  const key = await db
    .selectFrom('openingKey')
    .selectAll()
    .where('projectId', '=', projectId)
    .executeTakeFirst();
  const holders = await db
    .selectFrom('openingKeyShare')
    .select(['holderId', 'holderName', 'holderKeyId', 'x', 'commitment', 'submittedAt', 'submittedByUserId'])
    .where('projectId', '=', projectId)
    .orderBy('x')
    .execute();
  return {
    records: [{ path: 'opening/opening-key.json', value: key ? { ...key, holders } : null }],
    subjects: [],
  };
}
