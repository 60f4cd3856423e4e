import { Card, Input, Table, type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import type { ListQuery, Tender } from '../api-types.ts';
import { CstColumnTitle, CstTime } from '../components/CstTime.tsx';
import { ListToolbar } from '../components/ListToolbar.tsx';
import { PageContainer } from '../components/PageContainer.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { Countdown, useLabel } from '../components/TradingBits.tsx';
import { EMPTY } from '../format.ts';
import { useT } from '../i18n.ts';
import { useSignedIn } from '../session.tsx';
import { usePagedList } from '../use-paged-list.ts';

const FILTERS = ['q', 'region', 'industry'] as const;

/** 招标公告: the published tenders this user may see, paged, by region, industry and text. */
export default function TendersPage() {
  const t = useT();
  const label = useLabel();
  const { api } = useSignedIn();
  const load = useCallback((query: ListQuery) => api.listTenders(query), [api]);
  const list = usePagedList(load, FILTERS);

  const columns: TableColumnsType<Tender> = [
    {
      key: 'name',
      title: t('tf.projectName'),
      width: 300,
      render: (_, tender) => (
        <Link to={`/tenders/${tender.id}`} data-testid={`tender-link-${tender.id}`}>
          {tender.announcement.title || tender.name}
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
      key: 'procedure',
      title: t('tf.procedure'),
      width: 110,
      render: (_, tender) => label('procedure', tender.procedure),
    },
    {
      key: 'region',
      title: t('tf.region'),
      dataIndex: 'region',
      width: 120,
      render: (value: string | null) => value ?? EMPTY,
    },
    {
      key: 'industry',
      title: t('tf.industry'),
      dataIndex: 'industry',
      width: 120,
      render: (value: string | null) => value ?? EMPTY,
    },
    {
      key: 'deadline',
      title: <CstColumnTitle label={t('tf.bidDeadline')} />,
      width: 180,
      render: (_, tender) => <CstTime value={tender.announcement.bidDeadline} />,
    },
    {
      key: 'countdown',
      title: t('tenders.countdown'),
      width: 200,
      render: (_, tender) => <Countdown until={tender.announcement.bidDeadline} />,
    },
  ];

  return (
    <PageContainer title={t('tenders.title')}>
      <Card>
        <ListToolbar onRefresh={list.reload} loading={list.loading}>
          <SearchBox
            value={list.filters.q}
            onSearch={(q) => list.setFilters({ q })}
            placeholder={t('tenders.search')}
            testId="tender-search"
          />
          <Input.Search
            className="zc-search-narrow"
            allowClear
            defaultValue={list.filters.region}
            key={`region-${list.filters.region}`}
            placeholder={t('tenders.region')}
            onSearch={(region) => list.setFilters({ region: region.trim() })}
            data-testid="tender-region"
          />
          <Input.Search
            className="zc-search-narrow"
            allowClear
            defaultValue={list.filters.industry}
            key={`industry-${list.filters.industry}`}
            placeholder={t('tenders.industry')}
            onSearch={(industry) => list.setFilters({ industry: industry.trim() })}
            data-testid="tender-industry"
          />
        </ListToolbar>
        <Table<Tender>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.items as Tender[]}
          loading={list.loading}
          pagination={list.pagination}
          scroll={{ x: 1450 }}
          data-testid="tender-table"
        />
      </Card>
    </PageContainer>
  );
}
