import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { nodeSuite } from '../crypto/node/node-suites.ts';
import { bidReceipt } from '../domain/schemas/bid-schemas.ts';
import { type ReceiptCheck, checkBidReceipt } from '../ledger/bid-receipt-check.ts';
import { nodeLedgerHash } from '../ledger/ledger-hash-node.ts';
import { exitWithError } from './fail.ts';

/** What a failed check means, in a line. */
const FAILED: Record<ReceiptCheck['check'], string> = {
  'receipt-digest': 'the SHA-256 does not match the receipt text',
  'receipt-signature': "the platform's signature does not verify",
  'receipt-content': 'the receipt fields differ from the signed receipt text',
  'leaf-entry': "the ledger leaf is not this receipt's bid.submitted event",
  'leaf-in-tree': 'the inclusion proof does not lead to the signed tree head',
  'tree-head-key': 'the tree head names another key',
  'tree-head-signature': "the tree head's signature does not verify",
  consistency: 'the ledger was not only appended to',
};

async function readPem(file: string | undefined): Promise<string | undefined> {
  if (!file) return undefined;
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    exitWithError(new Error(`cannot read ${file}: ${(error as Error).message}`), 2);
  }
}

async function runVerify(file: string, options: { pub?: string; ledgerKey?: string }): Promise<void> {
  let receipt;
  try {
    receipt = bidReceipt.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    exitWithError(new Error(`${file} is not a bid receipt: ${(error as Error).message.split('\n')[0]}`), 2);
  }
  const receiptKeyPem = await readPem(options.pub);
  const ledgerKeyPem = await readPem(options.ledgerKey);
  const checks = await checkBidReceipt(receipt, {
    sha256: (bytes) => createHash('sha256').update(bytes).digest(),
    ledgerHash: nodeLedgerHash,
    suite: nodeSuite,
    receiptKeyPem,
    ledgerKeyPem,
  });
  const failed = checks.find((c) => !c.ok);
  if (failed) exitWithError(new Error(`receipt NOT valid: ${FAILED[failed.check]} (${failed.detail})`), 1);
  const r = receipt.receipt;
  const head = receipt.ledger.treeHead;
  const unanchored = [receiptKeyPem ? null : '--pub', ledgerKeyPem ? null : '--ledger-key'].filter(Boolean);
  process.stdout.write(
    `receipt valid: bid ${r.bidId}, section ${r.sectionCode}, envelope SHA-256 ${r.fileSha256}, received ${r.receivedAt}; ` +
      `ledger leaf ${receipt.ledger.leafIndex} in ${head.platform} tree head #${head.seq} (${head.treeSize} leaves, ${head.timestamp})` +
      (unanchored.length
        ? ` (signatures checked against the keys in the receipt; pass ${unanchored.join(' and ')} with the platform's published keys to check who signed)`
        : '') +
      '\n',
  );
}

/** `zhaocai receipt verify`: checks a bid receipt offline (E3), and its place in the ledger. */
export function receiptCommand(): Command {
  const receipt = new Command('receipt').description('bid receipts signed by the transaction platform');
  receipt
    .command('verify')
    .description(
      "check a receipt (JSON as the platform returned it): its digest, the platform's signature, its leaf in the platform's ledger and the signed tree head",
    )
    .argument('<file>', 'receipt JSON')
    .option('--pub <pem>', "the platform's receipt-signing public key (GET /api/platform/keys)")
    .option('--ledger-key <pem>', "the platform's ledger key (GET /api/ledger)")
    .action(runVerify);
  return receipt;
}
