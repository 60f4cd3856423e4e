import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/domain/errors.ts';
import { negotiateLocale } from '../../src/domain/locale.ts';
import { renderMessage } from '../../src/domain/messages.ts';

describe('languages', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['en-US,en;q=0.9', 'en-US'],
    ['zh-TW', 'zh-CN'],
    ['fr-FR,en;q=0.5,zh;q=0.8', 'zh-CN'],
    ['fr-FR', 'zh-CN'],
    ['en;q=0.9,zh;q=0', 'en-US'],
  ])('Accept-Language %s → %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it('every error code has a message in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(renderMessage(code, {}, 'zh-CN')).toMatch(/\p{Script=Han}/u);
      expect(renderMessage(code, {}, 'en-US')).toMatch(/^[\x20-\x7E–]+$/);
    }
  });
});
