import { ReloadOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n.ts';

/** The filter row above a table: filters on the left, refresh on the right. */
export function ListToolbar({
  children,
  onRefresh,
  loading,
}: {
  readonly children: ReactNode;
  readonly onRefresh: () => void;
  readonly loading: boolean;
}) {
  const t = useT();
  return (
    <div className="zc-toolbar">
      <div className="zc-toolbar-filters">{children}</div>
      <Tooltip title={t('common.refresh')}>
        <Button
          icon={<ReloadOutlined />}
          onClick={onRefresh}
          loading={loading}
          aria-label={t('common.refresh')}
          data-testid="list-refresh"
        />
      </Tooltip>
    </div>
  );
}
