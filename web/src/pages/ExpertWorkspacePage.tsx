import { Card, Segmented, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import type { ListQuery } from '../api-types.ts';
import { CstColumnTitle, CstTime } from '../components/CstTime.tsx';
import { ListToolbar } from '../components/ListToolbar.tsx';
import { PageContainer } from '../components/PageContainer.tsx';
import { type MySeat, type SeatStatus, useEvaluationApi } from '../components/evaluation/evaluation-api.ts';
import { useLabel } from '../components/TradingBits.tsx';
import { useT } from '../i18n.ts';
import { usePagedList } from '../use-paged-list.ts';

const FILTERS = ['status'] as const;
const STATUSES: readonly SeatStatus[] = ['upcoming', 'evaluating', 'done'];

/**
 * 评标工作台: the committee seats the signed-in expert holds, as the platform records them (every
 * tender, invitation-only ones included), paged and filtered by where each evaluation stands.
 */
export default function ExpertWorkspacePage() {
  const t = useT();
  const label = useLabel();
  const api = useEvaluationApi();
  const load = useCallback((query: ListQuery) => api.mySeats(query), [api]);
  const list = usePagedList(load, FILTERS);

  const columns: TableColumnsType<MySeat> = [
    {
      key: 'project',
      title: t('ev.project'),
      render: (_: unknown, row) => (
        <>
          <div>{row.projectName}</div>
          <Typography.Text type="secondary">{row.dealCode}</Typography.Text>
        </>
      ),
    },
    {
      key: 'section',
      title: t('ev.section'),
      render: (_: unknown, row) => (
        <>
          <div>{row.sectionName}</div>
          <Typography.Text type="secondary">{row.sectionCode}</Typography.Text>
        </>
      ),
    },
    {
      key: 'seat',
      title: t('ev.mySeat'),
      render: (_: unknown, row) => (
        <Tag>
          {t('ev.seatNo', { seat: row.seat })} · {row.specialty} · {label('ev.category', row.category)}
        </Tag>
      ),
    },
    {
      key: 'at',
      title: <CstColumnTitle label={t('ev.evaluationAt')} />,
      render: (_: unknown, row) => <CstTime value={row.evaluationAt} />,
    },
    {
      key: 'status',
      title: t('ev.status'),
      render: (_: unknown, row) => label('ev.seatStatus', row.status),
    },
    {
      key: 'open',
      title: t('ev.session'),
      render: (_: unknown, row) => (
        <Link to={`/workspace/${row.sectionId}`} data-testid={`seat-open-${row.sectionId}`}>
          {t('ev.openSession')}
        </Link>
      ),
    },
  ];

  return (
    <PageContainer title={t('ev.workspace')}>
      <Card>
        <Typography.Paragraph type="secondary">{t('ev.workspaceHint')}</Typography.Paragraph>
        <ListToolbar onRefresh={list.reload} loading={list.loading}>
          <Segmented<string>
            value={list.filters.status}
            onChange={(status) => list.setFilters({ status })}
            options={[
              { value: '', label: t('ev.seatStatus.all') },
              ...STATUSES.map((s) => ({ value: s, label: label('ev.seatStatus', s) })),
            ]}
            data-testid="seat-status"
          />
        </ListToolbar>
        <Table<MySeat>
          rowKey={(row) => `${row.sectionId}:${row.seat}`}
          size="middle"
          columns={columns}
          dataSource={list.items as MySeat[]}
          loading={list.loading}
          pagination={list.pagination}
          locale={{ emptyText: t('ev.noSeats') }}
          data-testid="seat-table"
        />
      </Card>
    </PageContainer>
  );
}
