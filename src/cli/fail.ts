import { isAppError } from '../domain/errors.ts';
import { negotiateLocale } from '../domain/locale.ts';
import { renderMessage } from '../domain/messages.ts';

/** The CLI's language: ZHAOCAI_LANG, else LANG/LC_ALL (zh_CN.UTF-8 → zh-CN), else Chinese. */
export function cliLocale() {
  const tag = process.env.ZHAOCAI_LANG ?? process.env.LC_ALL ?? process.env.LANG;
  return negotiateLocale(tag?.replace('_', '-').split('.')[0]);
}

/** One line on stderr that says what is wrong, then a non-zero exit. */
export function exitWithError(error: unknown, exitCode = 1): never {
  const locale = cliLocale();
  const prefix = locale === 'zh-CN' ? '错误' : 'error';
  const text = isAppError(error)
    ? `${renderMessage(error.code, error.params, locale)} [${error.code}]`
    : error instanceof Error
      ? error.message
      : String(error);
  process.stderr.write(`${prefix}: ${text.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(exitCode);
}
