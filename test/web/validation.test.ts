import { describe, expect, it } from 'vitest';
import { creditCodeProblemMessage, passwordProblemMessage } from '../../web/src/validation.ts';

// 91350100M000100Y43 is a valid code (check character 3).
const VALID = '91350100M000100Y43';

describe('creditCodeProblemMessage', () => {
  it('accepts a valid code, also typed in lower case with spaces around', () => {
    expect(creditCodeProblemMessage(VALID, 'zh-CN')).toBeNull();
    expect(creditCodeProblemMessage(` ${VALID.toLowerCase()} `, 'zh-CN')).toBeNull();
  });

  it('names the expected and the actual check character', () => {
    expect(creditCodeProblemMessage('91350100M000100Y4X', 'zh-CN')).toBe(
      '统一社会信用代码第 18 位校验码有误：应为“3”，实为“X”',
    );
    expect(creditCodeProblemMessage('91350100M000100Y4X', 'en-US')).toContain('expected "3", found "X"');
  });

  it('names a character outside the alphabet and its position', () => {
    expect(creditCodeProblemMessage('91350100M000100I43', 'zh-CN')).toContain('第 16 位“I”');
  });

  it('requires digits in the region code (characters 3–8)', () => {
    expect(creditCodeProblemMessage('913A0100M000100Y43', 'zh-CN')).toContain('应为数字');
  });

  it('reports the length', () => {
    expect(creditCodeProblemMessage('9135', 'zh-CN')).toBe('统一社会信用代码应为 18 位，实为 4 位');
  });
});

describe('passwordProblemMessage', () => {
  it('accepts letters and digits of sufficient length', () => {
    expect(passwordProblemMessage('Secret2026', 'zh-CN')).toBeNull();
  });

  it('gives the server policy message in the chosen language', () => {
    expect(passwordProblemMessage('short1', 'zh-CN')).toBe('密码至少 8 位，且须同时包含字母和数字');
    expect(passwordProblemMessage('onlyletters', 'en-US')).toContain('at least 8 characters');
  });
});
