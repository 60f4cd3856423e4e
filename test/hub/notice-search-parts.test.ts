import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noticeGrams, regionPrefixes, wordGrams } from '../../src/hub/notices/notice-grams.ts';
import { decodePostings, PostingWriter } from '../../src/hub/notices/posting-codec.ts';
import { type CoverGram, cheapestCover } from '../../src/hub/notices/word-cover.ts';
import { normalizeText } from '../../src/hub/notices/text-normalization.ts';
import { titleHighlights } from '../../src/hub/notices/title-highlights.ts';

describe('notice search, its parts', () => {
  it('normalises full-width forms and Latin case one character for one', () => {
    expect(normalizeText('ＥＰＣ总承包（二期）Ｇ３１６　K12+300')).toBe('epc总承包(二期)g316 k12+300');
    expect(normalizeText('İ𠀀a')).toBe('İ𠀀a');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => normalizeText(text).length === text.length),
    );
  });

  it('marks every occurrence of the words in the title, overlaps merged', () => {
    expect(
      titleHighlights('道路道路改造ＥＰＣ', [
        ['道', '路'],
        ['路', '改'],
        ['e', 'p', 'c'],
      ]),
    ).toEqual([
      [0, 5],
      [6, 9],
    ]);
  });

  it('indexes pairs, and fours of letters and digits, at their positions', () => {
    expect(wordGrams([...'g316线'])).toEqual([
      { gram: 'g3', offset: 0 },
      { gram: '31', offset: 1 },
      { gram: '16', offset: 2 },
      { gram: 'g316', offset: 0 },
      { gram: '6线', offset: 3 },
    ]);
    const grams = noticeGrams(['道路 道路', 'ab12'], {
      regionCode: '350100',
      noticeType: 'result',
      industryCode: null,
      amountFen: 12_345,
      publishedSeconds: 7 * 24 * 3600 + 5,
    });
    expect(grams.get('道路')).toEqual([0, 3]);
    expect(grams.get('道')).toEqual([]);
    // The second text starts after a gap: nothing spans the two.
    expect(grams.get('ab12')).toEqual([6]);
    expect(grams.has('路a')).toBe(false);
    expect([...grams.keys()].filter((gram) => gram.startsWith('\u0001'))).toEqual([
      '\u0001r35',
      '\u0001r3501',
      '\u0001tresult',
      '\u0001a4',
      '\u0001p',
    ]);
    expect(grams.get('\u0001a4')).toEqual([12_345]);
    expect(grams.get('\u0001p')).toEqual([5]);
  });

  it('takes a region at the levels a search can ask for', () => {
    expect(regionPrefixes('350102')).toEqual(['35', '3501', '350102']);
    expect(regionPrefixes('350100')).toEqual(['35', '3501']);
    expect(regionPrefixes('350000')).toEqual(['35']);
  });

  it('covers a word with its rarest grams, leaving no character out', () => {
    const gram = (text: string, offset: number, entries: number): CoverGram => ({
      gram: text,
      offset,
      length: text.length,
      entries,
    });
    // 道路改造: the middle pair 路改 is common here, the outer two cover it all.
    expect(
      cheapestCover(4, [gram('道路', 0, 10), gram('路改', 1, 1000), gram('改造', 2, 20)]).map((g) => g.gram),
    ).toEqual(['道路', '改造']);
    // e3501: the four e350 overlaps the rare pair 01.
    expect(
      cheapestCover(5, [
        gram('e3', 0, 500),
        gram('35', 1, 900),
        gram('50', 2, 900),
        gram('01', 3, 5),
        gram('e350', 0, 400),
        gram('3501', 1, 300),
      ]).map((g) => g.gram),
    ).toEqual(['e350', '01']);
  });

  it('decodes what it encodes, across blocks, whole or for some notices only', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.boolean(), { maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 5 }),
        (unsorted, perBlock, picked, others) => {
          const seqs = [...unsorted].sort((a, b) => a - b);
          const payloads = seqs.map((seq) => [seq % 7, (seq % 7) + 3, 1_000 + seq]);
          // Blocks written one after another, each going on from the last notice of the one before.
          const blocks: Uint8Array[] = [];
          for (let i = 0; i < seqs.length; i += perBlock) {
            const writer = new PostingWriter();
            const last = Math.min(i + perBlock, seqs.length) - 1;
            for (let k = i; k <= last; k++) {
              writer.append('positions', seqs[k]!, k === 0 ? 0 : seqs[k - 1]!, payloads[k]!);
            }
            blocks.push(writer.finish());
          }
          const list = { entries: seqs.length, data: Buffer.concat(blocks) };
          const all = decodePostings('positions', list);
          expect([...all.seqs]).toEqual(seqs);
          expect(
            seqs.map((_, i) => [
              ...all.positions!.subarray(all.positionStart![i]!, all.positionStart![i + 1]!),
            ]),
          ).toEqual(payloads);
          // Some of the list's notices, and a few others.
          const wanted = [...seqs.filter((_, i) => picked[i]), ...others];
          const within = [...new Set(wanted)].sort((a, b) => a - b);
          const found = seqs.filter((seq) => within.includes(seq));
          expect([...decodePostings('positions', list, { payload: false, within }).seqs]).toEqual(found);
          const some = decodePostings('positions', list, { within });
          expect(
            found.map((_, i) => [
              ...some.positions!.subarray(some.positionStart![i]!, some.positionStart![i + 1]!),
            ]),
          ).toEqual(found.map((seq) => payloads[seqs.indexOf(seq)]));
        },
      ),
    );
    const amounts = new PostingWriter();
    amounts.append('value', 3, 0, [9_007_199_254_740_991]);
    amounts.append('value', 2 ** 40, 3, [0]);
    const decoded = decodePostings('value', { entries: 2, data: amounts.finish() });
    expect([...decoded.seqs]).toEqual([3, 2 ** 40]);
    expect([...decoded.values!]).toEqual([9_007_199_254_740_991, 0]);
  });
});
