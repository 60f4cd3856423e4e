import { formatYuan } from '../../format.ts';

/** Integer fen as yuan with thousands separators, exactly (no float division): 452000000 → ¥4,520,000.00. */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return formatYuan(null);
  const abs = Math.abs(fen);
  return formatYuan(`${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`);
}

/** Yuan typed in a form (at most 2 decimals) as integer fen; null when it is not such an amount. */
export function fenOf(yuan: string): number | null {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim().replaceAll(',', ''));
  if (!match) return null;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** A signed amount in yuan (a leading minus or －) as integer fen; null when it is not such an amount. */
export function signedFenOf(yuan: string): number | null {
  const text = yuan.trim();
  const negative = text.startsWith('-') || text.startsWith('－');
  const fen = fenOf(negative ? text.slice(1) : text);
  return fen === null ? null : negative ? -fen : fen;
}
