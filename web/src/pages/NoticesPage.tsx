import { App, Badge, Button, Card, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import type { ListQuery, Notice } from '../api-types.ts';
import { CstColumnTitle, CstTime } from '../components/CstTime.tsx';
import { ListToolbar } from '../components/ListToolbar.tsx';
import { PageContainer } from '../components/PageContainer.tsx';
import { useLabel } from '../components/TradingBits.tsx';
import { useT } from '../i18n.ts';
import { useSignedIn } from '../session.tsx';
import { usePagedList } from '../use-paged-list.ts';
import { useShowError } from '../use-show-error.ts';

const FILTERS = ['unread'] as const;

/** 通知: notices delivered to the user's organisation (clarifications, results…), newest first. */
export default function NoticesPage() {
  const t = useT();
  const label = useLabel();
  const { api, user } = useSignedIn();
  const { message } = App.useApp();
  const showError = useShowError();
  const load = useCallback((query: ListQuery) => api.listNotices(query), [api]);
  const list = usePagedList(load, FILTERS);
  const projectPath = user.roles.includes('bidder') ? '/tenders' : '/projects';

  async function markRead(notice: Notice) {
    try {
      await api.markNoticeRead(notice.id);
      void message.success(t('notices.read'));
      list.reload();
    } catch (error) {
      showError(error);
    }
  }

  const columns: TableColumnsType<Notice> = [
    {
      key: 'state',
      title: t('tf.status'),
      width: 90,
      render: (_, n) =>
        n.readAt ? (
          <Badge status="default" text={t('notices.read')} />
        ) : (
          <Badge status="processing" text={t('notices.unread')} />
        ),
    },
    {
      key: 'time',
      title: <CstColumnTitle label={t('notices.time')} />,
      width: 180,
      render: (_, n) => <CstTime value={n.createdAt} />,
    },
    { key: 'kind', title: t('notices.kind'), width: 140, render: (_, n) => label('noticeKind', n.kind) },
    {
      key: 'title',
      title: t('clar.titleField'),
      render: (_, n) => <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 260,
      render: (_, n) => (
        <Space size="small">
          {n.projectId ? <Link to={`${projectPath}/${n.projectId}`}>{t('notices.open')}</Link> : null}
          {!n.readAt ? (
            <Button
              type="link"
              size="small"
              onClick={() => void markRead(n)}
              data-testid={`notice-read-${n.id}`}
            >
              {t('notices.markRead')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={t('notices.title')}>
      <Card>
        <ListToolbar onRefresh={list.reload} loading={list.loading}>
          <Select
            style={{ width: 160 }}
            value={list.filters.unread || ''}
            onChange={(unread) => list.setFilters({ unread })}
            options={[
              { value: '', label: t('common.all') },
              { value: 'true', label: t('notices.unreadOnly') },
            ]}
            data-testid="notice-filter"
          />
        </ListToolbar>
        <Table<Notice>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.items as Notice[]}
          loading={list.loading}
          pagination={list.pagination}
          expandable={{
            expandedRowRender: (n) => (
              <Typography.Paragraph className="zc-pre">{n.body}</Typography.Paragraph>
            ),
          }}
          scroll={{ x: 900 }}
          data-testid="notice-table"
        />
      </Card>
    </PageContainer>
  );
}
