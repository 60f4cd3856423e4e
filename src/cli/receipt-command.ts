import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { bidReceipt } from '../domain/schemas/bid-schemas.ts';
import { verifyReceipt } from '../trading/sealing/receipt-signature.ts';
import { exitWithError } from './fail.ts';

async function runVerify(file: string, options: { pub?: string }): Promise<void> {
  let receipt;
  try {
    receipt = bidReceipt.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    exitWithError(new Error(`${file} is not a bid receipt: ${(error as Error).message.split('\n')[0]}`), 2);
  }
  const publicKeyPem = options.pub ? await readFile(options.pub, 'utf8') : undefined;
  const result = await verifyReceipt(receipt, publicKeyPem);
  if (!result.ok) exitWithError(new Error(`receipt NOT valid: ${result.problem}`), 1);
  const r = receipt.receipt;
  process.stdout.write(
    `receipt valid: bid ${r.bidId}, section ${r.sectionCode}, envelope SHA-256 ${r.fileSha256}, received ${r.receivedAt}` +
      `${publicKeyPem ? '' : " (signature checked against the key in the receipt; pass --pub with the platform's published key to check who signed)"}\n`,
  );
}

/** `zhaocai receipt verify`: checks a bid receipt offline (E3). */
export function receiptCommand(): Command {
  const receipt = new Command('receipt').description('bid receipts signed by the transaction platform');
  receipt
    .command('verify')
    .description('check a receipt (JSON as the platform returned it): its digest and the platform signature')
    .argument('<file>', 'receipt JSON')
    .option('--pub <pem>', "the platform's receipt-signing public key (GET /api/platform/keys)")
    .action(runVerify);
  return receipt;
}
