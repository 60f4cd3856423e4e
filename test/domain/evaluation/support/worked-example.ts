import type { ScoreEntry } from '../../../../src/domain/evaluation/scoring.ts';

/**
 * A realistic tender: 某市政道路改造工程 一标段, estimated ¥5,000,000.00, control price (最高投标限价)
 * ¥4,800,000.00, five bids, a committee of five. E is above the control price and is rejected.
 * Criteria: 技术方案 40, 商务资信 20, 投标报价 40 (by formula).
 */
export const CONTROL_PRICE_FEN = 480_000_000;
export const bids = [
  { bidId: 'A', priceFen: 452_000_000, receivedAt: new Date('2026-05-20T01:10:00Z') },
  { bidId: 'B', priceFen: 438_000_000, receivedAt: new Date('2026-05-20T01:20:00Z') },
  { bidId: 'C', priceFen: 465_000_000, receivedAt: new Date('2026-05-20T01:30:00Z') },
  { bidId: 'D', priceFen: 420_000_000, receivedAt: new Date('2026-05-20T01:40:00Z') },
  { bidId: 'E', priceFen: 490_000_000, receivedAt: new Date('2026-05-20T01:50:00Z') },
];
export const validBids = bids.filter((b) => b.bidId !== 'E');
export const experts = ['e1', 'e2', 'e3', 'e4', 'e5'];
export const criteria = [
  { name: '技术方案', weight: 40 },
  { name: '商务资信', weight: 20 },
  { name: '投标报价', weight: 40 },
];

/** Each expert's points, in the order e1…e5. */
const sheet: Record<string, Record<string, number[]>> = {
  技术方案: {
    A: [35, 36.5, 34, 38, 30],
    B: [32, 33, 31.5, 35, 33],
    C: [37, 38, 36, 39.5, 37.5],
    D: [30, 29, 31, 28.5, 33],
  },
  商务资信: {
    A: [16, 17, 15, 18, 16],
    B: [18, 18, 17, 19, 18],
    C: [15, 14, 16, 15, 15.5],
    D: [17, 16, 16.5, 17, 18],
  },
};

export const entries: ScoreEntry[] = Object.entries(sheet).flatMap(([criterion, byBid]) =>
  Object.entries(byBid).flatMap(([bidId, points]) =>
    points.map((p, i) => ({ expertId: experts[i]!, bidId, criterion, points: p })),
  ),
);
