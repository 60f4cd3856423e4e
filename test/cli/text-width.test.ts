import { describe, expect, it } from 'vitest';
import { displayWidth, padDisplay } from '../../src/cli/text-width.ts';

describe('terminal text width', () => {
  it('counts Chinese characters as two columns', () => {
    expect(displayWidth('交易平台 Trading')).toBe(16);
    expect(displayWidth('（北京时间）')).toBe(12);
    expect(padDisplay('招采', 6)).toBe('招采  ');
    expect(padDisplay('zhaocai', 3)).toBe('zhaocai');
  });
});
