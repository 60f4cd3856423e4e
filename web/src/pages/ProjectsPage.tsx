import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Table, type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { ListQuery, ProjectSummary } from '../api-types.ts';
import { CstColumnTitle, CstTime } from '../components/CstTime.tsx';
import { ListToolbar } from '../components/ListToolbar.tsx';
import { PageContainer } from '../components/PageContainer.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { StatusTag, useLabel } from '../components/TradingBits.tsx';
import { EMPTY } from '../format.ts';
import { useT } from '../i18n.ts';
import { useSignedIn } from '../session.tsx';
import { usePagedList } from '../use-paged-list.ts';

const FILTERS = ['q', 'status'] as const;
const STATUSES = ['draft', 'published', 'failed'] as const;

/** 招标项目: the projects of the user's organisation (as tenderer or agency). */
export default function ProjectsPage() {
  const t = useT();
  const label = useLabel();
  const navigate = useNavigate();
  const { api } = useSignedIn();
  const load = useCallback((query: ListQuery) => api.listProjects(query), [api]);
  const list = usePagedList(load, FILTERS);

  const columns: TableColumnsType<ProjectSummary> = [
    {
      key: 'name',
      title: t('tf.projectName'),
      width: 260,
      render: (_, p) => (
        <Link to={`/projects/${p.id}`} data-testid={`project-link-${p.id}`}>
          {p.name}
        </Link>
      ),
    },
    {
      key: 'dealCode',
      title: t('tf.dealCode'),
      dataIndex: 'dealCode',
      width: 150,
      ellipsis: true,
      render: (code: string) => <span className="zc-mono">{code}</span>,
    },
    { key: 'tenderer', title: t('tf.tenderer'), dataIndex: 'tendererName', width: 200, ellipsis: true },
    {
      key: 'agency',
      title: t('tf.agency'),
      dataIndex: 'agencyName',
      width: 160,
      ellipsis: true,
      render: (v: string | null) => v ?? EMPTY,
    },
    {
      key: 'procedure',
      title: t('tf.procedure'),
      width: 100,
      render: (_, p) => label('procedure', p.procedure),
    },
    {
      key: 'qualification',
      title: t('tf.qualification'),
      width: 100,
      render: (_, p) => label('qualification', p.qualification),
    },
    {
      key: 'status',
      title: t('tf.status'),
      width: 150,
      render: (_, p) => (
        <>
          <StatusTag prefix="projectStatus" value={p.status} />
          {p.pausedAt ? <StatusTag prefix="projectStatus" value="paused" /> : null}
        </>
      ),
    },
    {
      key: 'publishedAt',
      title: <CstColumnTitle label={t('tf.publishedAt')} />,
      width: 170,
      render: (_, p) => <CstTime value={p.publishedAt} />,
    },
    {
      key: 'updatedAt',
      title: <CstColumnTitle label={t('tf.createdAt')} />,
      width: 170,
      render: (_, p) => <CstTime value={p.createdAt} />,
    },
  ];

  return (
    <PageContainer
      title={t('projects.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => void navigate('/projects/new')}
          data-testid="project-new"
        >
          {t('projects.new')}
        </Button>
      }
    >
      <Card>
        <ListToolbar onRefresh={list.reload} loading={list.loading}>
          <SearchBox
            value={list.filters.q}
            onSearch={(q) => list.setFilters({ q })}
            placeholder={t('projects.search')}
            testId="project-search"
          />
          <Select
            style={{ width: 160 }}
            value={list.filters.status || ''}
            onChange={(status) => list.setFilters({ status })}
            options={[
              { value: '', label: t('projects.allStatus') },
              ...STATUSES.map((s) => ({ value: s, label: label('projectStatus', s) })),
            ]}
            data-testid="project-status-filter"
          />
        </ListToolbar>
        <Table<ProjectSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.items as ProjectSummary[]}
          loading={list.loading}
          pagination={list.pagination}
          scroll={{ x: 1500 }}
          data-testid="project-table"
        />
      </Card>
    </PageContainer>
  );
}
