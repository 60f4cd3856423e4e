import { Alert, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../api.ts';
import { type MessageKey, translateOptional, useLocale } from '../i18n.ts';
import { useServerNow } from '../server-clock.tsx';
import { ERROR_CODES, type ErrorCode, LEGAL_RULES, renderMessage, type RuleId } from '../shared-domain.ts';
import { formatCst } from '../format.ts';
import { countdown } from '../trading-format.ts';

const STATUS_COLOR: Readonly<Record<string, string>> = {
  draft: 'default',
  published: 'green',
  failed: 'red',
  current: 'green',
  superseded: 'default',
  pending: 'orange',
  replaced: 'default',
  withdrawn: 'default',
  qualified: 'green',
  not_qualified: 'red',
  decrypted: 'green',
  failed_bidder: 'red',
  failed_other: 'red',
};

/** A status from the server as a coloured tag, in the user's language when known. */
export function StatusTag({ prefix, value }: { readonly prefix: string; readonly value: string }) {
  const { locale } = useLocale();
  return (
    <Tag color={STATUS_COLOR[value] ?? 'blue'} data-testid={`status-${value}`}>
      {translateOptional(locale, `${prefix}.${value}`) ?? value}
    </Tag>
  );
}

/** A label from a fixed set (procedure, method, kind…) in the user's language. */
export function useLabel(): (prefix: string, value: string) => string {
  const { locale } = useLocale();
  return (prefix, value) => translateOptional(locale, `${prefix}.${value}`) ?? value;
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** The messages of every violation in a refusal's details (rule, article, minimum, earliest date). */
export function violationMessages(error: unknown, locale: 'zh-CN' | 'en-US'): string[] {
  if (!(error instanceof ApiError)) return [];
  const messages = (error.details ?? []).map((detail) => {
    const params = detail.params ?? {};
    if (KNOWN_CODES.has(detail.code)) {
      const text = renderMessage(detail.code as ErrorCode, params, locale);
      return `${text}`;
    }
    const field = detail.path.split('.').pop() ?? detail.path;
    const fieldText = translateOptional(locale, `tf.${field}`) ?? detail.path;
    const template = translateOptional(locale, `detail.${detail.code}`);
    if (template) {
      const text = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
        const value = params[name];
        if (value === undefined) return whole;
        return typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)
          ? formatCst(value)
          : String(value);
      });
      return locale === 'zh-CN' ? `${fieldText}：${text}` : `${fieldText} ${text}`;
    }
    const shown = Object.entries(params)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(', ');
    return `${fieldText}: ${detail.code}${shown ? ` (${shown})` : ''}`;
  });
  return [...new Set(messages)];
}

/** A server refusal: its message, and below it each violation it lists. */
export function RefusalAlert({
  error,
  title,
  testId,
}: {
  readonly error: unknown;
  readonly title?: ReactNode;
  readonly testId?: string;
}) {
  const { locale, t } = useLocale();
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : t('error.unexpected');
  const list = violationMessages(error, locale);
  return (
    <Alert
      type="error"
      showIcon
      className="zc-form-error"
      data-testid={testId}
      title={title ?? message}
      description={
        list.length ? (
          <ul className="zc-violations">
            {list.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        ) : title ? (
          message
        ) : undefined
      }
    />
  );
}

/** “规则 T1（《招标投标法》第24条）” for a list of rule ids. */
export function ruleCitation(rules: readonly string[], locale: 'zh-CN' | 'en-US'): string {
  return rules
    .map((id) => {
      const rule = LEGAL_RULES[id as RuleId] as (typeof LEGAL_RULES)[RuleId] | undefined;
      if (!rule) return id;
      return locale === 'zh-CN' ? `${id}，${rule.article.zh}` : `${id}, ${rule.article.en}`;
    })
    .join('; ');
}

/** Time left until a deadline by the platform's clock, ticking every second. */
export function Countdown({ until, testId }: { readonly until: string; readonly testId?: string }) {
  const { t } = useLocale();
  const now = useServerNow();
  if (now === null) return <span>{t('common.loading')}</span>;
  const left = countdown(Date.parse(until), now);
  if (left.over)
    return (
      <Typography.Text type="danger" data-testid={testId}>
        {t('tenders.closed')}
      </Typography.Text>
    );
  return (
    <Typography.Text strong className="zc-tabular" data-testid={testId}>
      {t('tenders.days', { d: left.d, h: left.h, m: left.m, s: left.s })}
    </Typography.Text>
  );
}

/** Yes / No. */
export function yesNo(value: boolean, t: (key: MessageKey) => string): string {
  return value ? t('tf.yes') : t('tf.no');
}
