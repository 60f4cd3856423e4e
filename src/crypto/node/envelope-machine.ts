import { readdir, readFile } from 'node:fs/promises';
import { cpus, networkInterfaces } from 'node:os';
import type { EnvelopeHeader } from '../portable/envelope/envelope-header.ts';

/**
 * Identifiers of this machine for the envelope header's `machine` block, which the collusion
 * analytics compare across bids (same MAC or disk on two bidders' envelopes). Best effort: whatever
 * cannot be read is left empty rather than failing the seal.
 */
export async function machineIdentifiers(tenderFileId: string): Promise<EnvelopeHeader['machine']> {
  const macs = new Set<string>();
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (!address.internal && address.mac !== '00:00:00:00:00:00') macs.add(address.mac);
    }
  }
  return {
    cpu: cpus()[0]?.model.trim() ?? '',
    macs: [...macs].sort(),
    diskSerial: await diskSerial(),
    tenderFileId,
  };
}

/** Linux exposes disk serials under /sys/block; elsewhere (or in containers) there is none to read. */
async function diskSerial(): Promise<string> {
  try {
    for (const disk of (await readdir('/sys/block')).sort()) {
      if (/^(loop|ram|zram|dm-)/.test(disk)) continue;
      for (const file of [`/sys/block/${disk}/device/serial`, `/sys/block/${disk}/serial`]) {
        const serial = await readFile(file, 'utf8').then(
          (text) => text.trim(),
          () => '',
        );
        if (serial) return serial;
      }
    }
  } catch {
    // No /sys: not Linux.
  }
  return '';
}
