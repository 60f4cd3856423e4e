import type { EnvelopeHeader } from '../../../src/crypto/portable/envelope/envelope-header.ts';

/**
 * The envelope's block of producing-machine identifiers, as far as a browser can tell them: the
 * processor count and user agent stand in for the CPU; MAC addresses and disk serials are out of a
 * web page's reach, so they stay empty (the collusion analytics treat empty as unknown).
 */
export function browserMachineIdentifiers(
  tenderFileId: string,
  navigatorInfo: { readonly hardwareConcurrency?: number; readonly userAgent: string },
): EnvelopeHeader['machine'] {
  const cores = navigatorInfo.hardwareConcurrency ? `${navigatorInfo.hardwareConcurrency} cores; ` : '';
  return {
    cpu: `${cores}${navigatorInfo.userAgent}`.slice(0, 1000),
    macs: [],
    diskSerial: '',
    tenderFileId,
  };
}
