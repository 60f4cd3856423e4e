import { Tooltip, Typography } from 'antd';
import { formatCst, type Instant } from '../format.ts';
import { useT } from '../i18n.ts';

/** An instant in China Standard Time, optionally with the small 北京时间 / CST marker. */
export function CstTime({
  value,
  marker = false,
}: {
  readonly value: Instant | null | undefined;
  readonly marker?: boolean;
}) {
  const t = useT();
  const text = <span className="zc-tabular">{formatCst(value)}</span>;
  if (!marker) return text;
  return (
    <Tooltip title={t('time.cstLong')}>
      <span>
        {text}{' '}
        <Typography.Text type="secondary" className="zc-time-marker">
          {t('time.cst')}
        </Typography.Text>
      </span>
    </Tooltip>
  );
}

/** A column heading for CST times: the label plus the marker, so the cells can stay compact. */
export function CstColumnTitle({ label }: { readonly label: string }) {
  const t = useT();
  return (
    <Tooltip title={t('time.cstLong')}>
      <span>
        {label}{' '}
        <Typography.Text type="secondary" className="zc-time-marker">
          {t('time.cst')}
        </Typography.Text>
      </span>
    </Tooltip>
  );
}
