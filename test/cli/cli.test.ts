import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aCreditCode } from '../support/factories.ts';
import { ZHAOCAI_BIN } from '../support/processes.ts';

function zhaocai(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, [ZHAOCAI_BIN, ...args], {
    encoding: 'utf8',
    input: options.input,
    env: { ...process.env, ZHAOCAI_LANG: 'zh-CN', ...options.env },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('zhaocai command', () => {
  it.each([[[]], [['serve']], [['migrate']], [['demo']], [['user', 'add']], [['organisation', 'add']]])(
    '%j --help explains itself',
    (args) => {
      const { code, stdout } = zhaocai([...args, '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: zhaocai/);
    },
  );

  it('migrates, registers an organisation and adds a user, then refuses bad input with one line', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zhaocai-cli-'));
    const common = ['--data-dir', dataDir];

    const migrate = zhaocai(['migrate', 'all', ...common]);
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/trading: applied 0001-accounts-and-audit/);
    expect(zhaocai(['migrate', 'trading', ...common]).stdout).toMatch(/trading: up to date/);

    const creditCode = aCreditCode();
    const org = zhaocai([
      'organisation',
      'add',
      '--credit-code',
      creditCode,
      '--name',
      '福州测试有限公司',
      ...common,
    ]);
    expect(org.code).toBe(0);
    expect(org.stdout).toContain(creditCode);

    const user = zhaocai(
      [
        'user',
        'add',
        '--username',
        'tender01',
        '--password-stdin',
        '--roles',
        'tenderer',
        '--organisation',
        creditCode,
        ...common,
      ],
      { input: 'Secret-pass1\n' },
    );
    expect(user.stderr).toBe('');
    expect(user.code).toBe(0);
    expect(user.stdout).toMatch(/added user tender01 \(tenderer\)/);

    const wrongCheck = creditCode.slice(0, 17) + (creditCode[17] === '0' ? '1' : '0');
    const bad = zhaocai(['organisation', 'add', '--credit-code', wrongCheck, '--name', 'x', ...common]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^错误: 统一社会信用代码第 18 位校验码有误.*\[CREDIT_CODE_CHECK\]\n$/);

    const english = zhaocai(
      [
        'user',
        'add',
        '--username',
        'tender01',
        '--password',
        'Secret-pass1',
        '--roles',
        'tenderer',
        ...common,
      ],
      {
        env: { ZHAOCAI_LANG: 'en-US' },
      },
    );
    expect(english.code).not.toBe(0);
    expect(english.stderr).toBe('error: The user name "tender01" is taken [USERNAME_TAKEN]\n');

    const role = zhaocai([
      'user',
      'add',
      '--username',
      'x1x',
      '--password',
      'Secret-pass1',
      '--roles',
      'king',
      ...common,
    ]);
    expect(role.code).not.toBe(0);
    expect(role.stderr).toBe('错误: unknown role(s): king\n');
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('rejects an unknown platform and a bad configuration in one line', () => {
    const unknown = zhaocai(['serve', 'bank']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.split('\n')[0]).toMatch(
      /'bank' is invalid for argument 'service'\. Allowed choices are trading, hub, supervision, web/,
    );

    const production = zhaocai(['serve', 'hub', '--port', '0'], { env: { ZHAOCAI_CLOCK_FACTOR: '60' } });
    expect(production.code).not.toBe(0);
    expect(production.stderr).toBe(
      '错误: 生产模式不允许加速时钟；仅沙箱模式可设置加速倍数 [ACCELERATION_IN_PRODUCTION]\n',
    );
  });
});
