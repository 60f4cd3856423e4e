import { UserAddOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Select, Table, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import type { ListQuery, UserListItem } from '../api-types.ts';
import { CstColumnTitle, CstTime } from '../components/CstTime.tsx';
import { ListToolbar } from '../components/ListToolbar.tsx';
import { OrganisationSelect } from '../components/OrganisationSelect.tsx';
import { PageContainer } from '../components/PageContainer.tsx';
import { RoleTags } from '../components/RoleTags.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { EMPTY } from '../format.ts';
import { useT } from '../i18n.ts';
import { useSignedIn } from '../session.tsx';
import { PLATFORM_ROLES } from '../shared-domain.ts';
import { usePagedList } from '../use-paged-list.ts';
import { AddUserDialog } from './AddUserDialog.tsx';

const FILTERS = ['q', 'role', 'organisationId'] as const;

/** 用户管理: the accounts of this platform. */
export default function UsersPage() {
  const t = useT();
  const { message } = App.useApp();
  const { api, platform } = useSignedIn();
  const load = useCallback((query: ListQuery) => api.listUsers(query), [api]);
  const list = usePagedList(load, FILTERS);
  const [adding, setAdding] = useState(false);

  const columns: TableColumnsType<UserListItem> = [
    {
      key: 'username',
      title: t('field.username'),
      dataIndex: 'username',
      width: 160,
      render: (value: string) => <span className="zc-mono">{value}</span>,
    },
    { key: 'displayName', title: t('field.displayName'), dataIndex: 'displayName', width: 140 },
    {
      key: 'organisation',
      title: t('field.organisation'),
      dataIndex: 'organisationName',
      ellipsis: true,
      render: (value: string | null) => value ?? EMPTY,
    },
    {
      key: 'roles',
      title: t('field.roles'),
      dataIndex: 'roles',
      render: (roles: readonly string[]) => <RoleTags roles={roles} />,
    },
    {
      key: 'status',
      title: t('field.status'),
      dataIndex: 'disabledAt',
      width: 100,
      render: (disabledAt: string | null) =>
        disabledAt ? (
          <Badge status="default" text={t('users.disabled')} />
        ) : (
          <Badge status="success" text={t('users.active')} />
        ),
    },
    {
      key: 'createdAt',
      title: <CstColumnTitle label={t('field.createdAt')} />,
      dataIndex: 'createdAt',
      width: 180,
      render: (value: string) => <CstTime value={value} />,
    },
  ];

  return (
    <PageContainer
      title={t('users.title')}
      extra={
        <Button
          type="primary"
          icon={<UserAddOutlined />}
          onClick={() => setAdding(true)}
          data-testid="user-add"
        >
          {t('users.add')}
        </Button>
      }
    >
      <Card>
        <ListToolbar onRefresh={list.reload} loading={list.loading}>
          <SearchBox
            value={list.filters.q}
            onSearch={(q) => list.setFilters({ q })}
            placeholder={t('users.searchPlaceholder')}
            testId="user-search"
          />
          <Select<string>
            className="zc-filter"
            allowClear
            placeholder={t('users.roleFilter')}
            value={list.filters.role || undefined}
            onChange={(role) => list.setFilters({ role: role ?? '' })}
            options={PLATFORM_ROLES[platform].map((role) => ({ value: role, label: t(`role.${role}`) }))}
            data-testid="user-role-filter"
          />
          <div className="zc-filter-wide">
            <OrganisationSelect
              value={list.filters.organisationId || undefined}
              onChange={(organisationId) => list.setFilters({ organisationId: organisationId ?? '' })}
              placeholder={t('users.organisationFilter')}
              testId="user-organisation-filter"
            />
          </div>
        </ListToolbar>
        <Table<UserListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.items as UserListItem[]}
          loading={list.loading}
          pagination={list.pagination}
          scroll={{ x: 960 }}
          data-testid="user-table"
        />
      </Card>
      <AddUserDialog
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(username) => {
          void message.success(t('users.added', { username }));
          list.reload();
        }}
      />
    </PageContainer>
  );
}
