import { Tooltip, Typography } from 'antd';
import { useT } from '../i18n.ts';

/** A long hex digest shown as its head and tail, with the whole value one click from the clipboard. */
export function HashText({ value }: { readonly value: string }) {
  const t = useT();
  const short = value.length > 16 ? `${value.slice(0, 8)}…${value.slice(-6)}` : value;
  return (
    <Typography.Text
      className="zc-mono"
      copyable={{ text: value, tooltips: [t('common.copy'), t('common.copied')] }}
    >
      <Tooltip title={<span className="zc-mono zc-break">{value}</span>}>{short}</Tooltip>
    </Typography.Text>
  );
}
