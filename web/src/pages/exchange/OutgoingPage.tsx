import { RedoOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Popconfirm, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ListQuery } from '../../api-types.ts';
import {
  DELIVERY_STATUSES,
  type DeliveryStatus,
  type OutgoingMessage,
  type OutgoingPage as OutgoingPageData,
} from '../../api-types-exchange.ts';
import { CstColumnTitle, CstTime } from '../../components/CstTime.tsx';
import { ListToolbar } from '../../components/ListToolbar.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useLocale } from '../../i18n.ts';
import { useSignedIn } from '../../session.tsx';
import { usePagedList } from '../../use-paged-list.ts';
import { useShowError } from '../../use-show-error.ts';
import {
  canRetry,
  fieldErrorText,
  openingStatus,
  PENDING_REFRESH_MS,
  recordSummary,
  refreshDelay,
  statusFromParam,
} from './outgoing.ts';

const FILTERS = ['status'] as const;

/**
 * 数据交换 (trading operator): what this platform sent to the hub, by delivery status. Refused
 * messages (退回) show the receiver's field errors and can be sent again; while anything is pending
 * the page refreshes itself. Without a tab in the address it opens on the refused messages if there
 * are any, else on those waiting, else on what was delivered.
 */
export default function OutgoingPage() {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const showError = useShowError();
  const { api } = useSignedIn();
  const [counts, setCounts] = useState<OutgoingPageData['counts'] | null>(null);
  // The tab shown when the address names none, once the counts are known.
  const [opening, setOpening] = useState<DeliveryStatus | null>(null);
  const load = useCallback(
    async ({ status, ...query }: ListQuery) => {
      const named = statusFromParam(status === undefined ? null : String(status));
      let page = await api.listOutgoing({ ...query, status: named ?? 'rejected' });
      if (!named) {
        const first = openingStatus(page.counts);
        if (first !== 'rejected') page = await api.listOutgoing({ ...query, status: first });
        setOpening(first);
      }
      setCounts(page.counts);
      return page;
    },
    [api],
  );
  const list = usePagedList<OutgoingMessage, (typeof FILTERS)[number]>(load, FILTERS);
  const status = statusFromParam(list.filters.status || null) ?? opening ?? 'rejected';
  const delay = refreshDelay(counts && { counts });
  const { reload } = list;

  useEffect(() => {
    if (delay === null) return undefined;
    const timer = window.setInterval(reload, delay);
    return () => window.clearInterval(timer);
  }, [delay, reload]);

  async function retry(id: number) {
    try {
      await api.retryOutgoing(id);
      void message.success(t('exchange.retried'));
      reload();
    } catch (error) {
      showError(error);
    }
  }

  const columns: TableColumnsType<OutgoingMessage> = [
    {
      key: 'target',
      title: t('exchange.col.target'),
      dataIndex: 'targetCode',
      width: 190,
      render: (code: string) => <span className="zc-mono">{code}</span>,
    },
    { key: 'dataSet', title: t('exchange.col.dataSet'), dataIndex: 'dataSetCode', width: 80 },
    {
      key: 'dataKey',
      title: t('exchange.col.dataKey'),
      dataIndex: 'dataKey',
      ellipsis: true,
      render: (key: string) => <span className="zc-mono">{key}</span>,
    },
    {
      key: 'summary',
      title: t('exchange.col.summary'),
      ellipsis: true,
      render: (_, row) => recordSummary(row),
    },
    {
      key: 'order',
      title: t('exchange.col.order'),
      width: 150,
      ellipsis: true,
      render: (_, row) => (
        <span className="zc-mono">
          {row.orderKey} #{row.orderSeq}
        </span>
      ),
    },
    { key: 'attempts', title: t('exchange.col.attempts'), dataIndex: 'attempts', width: 90, align: 'right' },
    {
      key: 'created',
      title: <CstColumnTitle label={t('exchange.col.created')} />,
      dataIndex: 'createdAt',
      width: 170,
      render: (value: string) => <CstTime value={value} />,
    },
    ...(status === 'pending'
      ? [
          {
            key: 'nextAttempt',
            title: <CstColumnTitle label={t('exchange.col.nextAttempt')} />,
            dataIndex: 'nextAttemptAt',
            width: 170,
            render: (value: string | null) => <CstTime value={value} />,
          },
          {
            key: 'lastError',
            title: t('exchange.col.lastError'),
            dataIndex: 'lastError',
            ellipsis: true,
            render: (value: string | null) => value ?? '',
          },
        ]
      : []),
    ...(status === 'delivered'
      ? [
          {
            key: 'delivered',
            title: <CstColumnTitle label={t('exchange.col.delivered')} />,
            dataIndex: 'deliveredAt',
            width: 170,
            render: (value: string | null) => <CstTime value={value} />,
          },
        ]
      : []),
    ...(status === 'rejected'
      ? [
          {
            key: 'errors',
            title: t('exchange.col.errors'),
            width: 380,
            render: (_: unknown, row: OutgoingMessage) => (
              <ul style={{ margin: 0, paddingLeft: 18 }} data-testid={`outgoing-errors-${row.id}`}>
                {row.errors.map((error, i) => (
                  <li key={`${error.path}-${i}`}>
                    {fieldErrorText(error, locale)}{' '}
                    <Typography.Text type="secondary" className="zc-mono">
                      {error.path}
                    </Typography.Text>
                  </li>
                ))}
                {!row.errors.length && row.lastError ? <li>{row.lastError}</li> : null}
              </ul>
            ),
          },
          {
            key: 'actions',
            title: t('exchange.col.actions'),
            width: 120,
            render: (_: unknown, row: OutgoingMessage) =>
              canRetry(row.status) ? (
                <Popconfirm
                  title={t('exchange.retryConfirm')}
                  okText={t('exchange.retry')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => retry(row.id)}
                >
                  <Button size="small" icon={<RedoOutlined />} data-testid={`outgoing-retry-${row.id}`}>
                    {t('exchange.retry')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <PageContainer title={t('exchange.outgoing.title')}>
      <Typography.Paragraph type="secondary">{t('exchange.outgoing.intro')}</Typography.Paragraph>
      <Card>
        <Tabs
          activeKey={status}
          onChange={(key) => list.setFilters({ status: key })}
          items={DELIVERY_STATUSES.map((value) => ({
            key: value,
            label: (
              <span data-testid={`outgoing-tab-${value}`}>
                {t(`exchange.status.${value}`)}{' '}
                <Badge
                  count={counts?.[value] ?? 0}
                  showZero
                  overflowCount={99999}
                  color={value === 'rejected' ? 'red' : value === 'pending' ? 'blue' : 'green'}
                />
              </span>
            ),
          }))}
        />
        <ListToolbar onRefresh={reload} loading={list.loading}>
          {delay !== null ? (
            <Typography.Text type="secondary" data-testid="outgoing-auto-refresh">
              {t('exchange.autoRefresh', { count: counts?.pending ?? 0, seconds: PENDING_REFRESH_MS / 1000 })}
            </Typography.Text>
          ) : null}
        </ListToolbar>
        <Table<OutgoingMessage>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={[...list.items]}
          loading={list.loading}
          locale={{ emptyText: t('exchange.empty') }}
          pagination={list.pagination}
          scroll={{ x: 1100 }}
          data-testid="outgoing-table"
        />
      </Card>
    </PageContainer>
  );
}
