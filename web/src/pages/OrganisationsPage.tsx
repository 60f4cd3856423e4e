import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Table, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import type { ListQuery, Organisation } from '../api-types.ts';
import { CstColumnTitle, CstTime } from '../components/CstTime.tsx';
import { ListToolbar } from '../components/ListToolbar.tsx';
import { PageContainer } from '../components/PageContainer.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { EMPTY } from '../format.ts';
import { useT } from '../i18n.ts';
import { useSignedIn } from '../session.tsx';
import { usePagedList } from '../use-paged-list.ts';
import { RegisterOrganisationDialog } from './RegisterOrganisationDialog.tsx';

const FILTERS = ['q'] as const;

/** 单位管理: the organisations registered on this platform. */
export default function OrganisationsPage() {
  const t = useT();
  const { message } = App.useApp();
  const { api } = useSignedIn();
  const load = useCallback((query: ListQuery) => api.listOrganisations(query), [api]);
  const list = usePagedList(load, FILTERS);
  const [registering, setRegistering] = useState(false);

  const columns: TableColumnsType<Organisation> = [
    { key: 'name', title: t('field.organisationName'), dataIndex: 'name', ellipsis: true },
    {
      key: 'creditCode',
      title: t('field.creditCode'),
      dataIndex: 'creditCode',
      width: 210,
      render: (code: string) => <span className="zc-mono">{code}</span>,
    },
    {
      key: 'region',
      title: t('field.region'),
      dataIndex: 'region',
      width: 160,
      render: (value: string | null) => value ?? EMPTY,
    },
    {
      key: 'legalRepresentative',
      title: t('field.legalRepresentative'),
      dataIndex: 'legalRepresentative',
      width: 140,
      render: (value: string | null) => value ?? EMPTY,
    },
    {
      key: 'createdAt',
      title: <CstColumnTitle label={t('field.registeredAt')} />,
      dataIndex: 'createdAt',
      width: 180,
      render: (value: string) => <CstTime value={value} />,
    },
  ];

  return (
    <PageContainer
      title={t('org.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setRegistering(true)}
          data-testid="organisation-register"
        >
          {t('org.register')}
        </Button>
      }
    >
      <Card>
        <ListToolbar onRefresh={list.reload} loading={list.loading}>
          <SearchBox
            value={list.filters.q}
            onSearch={(q) => list.setFilters({ q })}
            placeholder={t('org.searchPlaceholder')}
            testId="organisation-search"
          />
        </ListToolbar>
        <Table<Organisation>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.items as Organisation[]}
          loading={list.loading}
          pagination={list.pagination}
          scroll={{ x: 900 }}
          data-testid="organisation-table"
        />
      </Card>
      <RegisterOrganisationDialog
        open={registering}
        onClose={() => setRegistering(false)}
        onRegistered={(organisation) => {
          void message.success(t('org.registered', { name: organisation.name }));
          list.reload();
        }}
      />
    </PageContainer>
  );
}
