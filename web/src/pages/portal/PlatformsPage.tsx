import { Card, Collapse, Descriptions, Empty, Pagination, Skeleton, Table, Tag, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { createApiClient } from '../../api.ts';
import type { ListQuery } from '../../api-types.ts';
import type { RegisteredPlatform } from '../../api-types-exchange.ts';
import { CstTime } from '../../components/CstTime.tsx';
import { HashText } from '../../components/HashText.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { EMPTY } from '../../format.ts';
import { useT } from '../../i18n.ts';
import { usePagedList } from '../../use-paged-list.ts';
import { feeText, platformStatusKey } from './platform-disclosure.ts';
import { PublicShell } from './PublicShell.tsx';

/**
 * 平台公示 (seed §14): the platforms registered with this hub — operator, certification report,
 * interface standard, services and fees, signing keys. No sign-in.
 */
export default function PlatformsPage() {
  const t = useT();
  const hub = useMemo(() => createApiClient('hub', null), []);
  const load = useCallback((query: ListQuery) => hub.listPlatforms(query), [hub]);
  const list = usePagedList<RegisteredPlatform, never>(load, []);
  const { pagination } = list;

  return (
    <PublicShell>
      <PageContainer title={t('portal.platforms.title')}>
        <Typography.Paragraph type="secondary">{t('portal.platforms.intro')}</Typography.Paragraph>
        {list.loading && !list.items.length ? <Skeleton active /> : null}
        {!list.loading && !list.items.length ? <Empty description={t('portal.platforms.empty')} /> : null}
        <div data-testid="platforms-list">
          {list.items.map((platform) => (
            <PlatformCard key={platform.platformCode} platform={platform} />
          ))}
        </div>
        {(pagination.total ?? 0) > (pagination.pageSize ?? 0) ? (
          <Pagination
            align="end"
            current={pagination.current}
            pageSize={pagination.pageSize}
            total={pagination.total}
            onChange={pagination.onChange}
          />
        ) : null}
      </PageContainer>
    </PublicShell>
  );
}

function PlatformCard({ platform }: { readonly platform: RegisteredPlatform }) {
  const t = useT();
  const { registration: r } = platform;
  const status = platformStatusKey(platform.status);
  const certification = r.certification;
  return (
    <Card
      style={{ marginBottom: 16 }}
      title={
        <span>
          {platform.platformName} <Tag>{t(`portal.kind.${platform.kind}`)}</Tag>
        </span>
      }
      extra={
        <Tag color={platform.status === 'approved' ? 'green' : 'default'}>
          {status ? t(status) : platform.status}
        </Tag>
      }
      data-testid={`platform-${platform.platformCode}`}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'code',
            label: t('portal.platforms.code'),
            children: <span className="zc-mono">{platform.platformCode}</span>,
          },
          {
            key: 'region',
            label: t('portal.platforms.region'),
            children: <span className="zc-mono">{platform.regionCode}</span>,
          },
          {
            key: 'approvedAt',
            label: t('portal.platforms.approvedAt'),
            children: <CstTime value={platform.approvedAt} marker />,
          },
          {
            key: 'baseUrl',
            label: t('portal.platforms.baseUrl'),
            children: <span className="zc-mono zc-break">{r.baseUrl}</span>,
          },
        ]}
      />
      <Descriptions
        title={t('portal.platforms.operator')}
        style={{ marginTop: 16 }}
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: t('portal.platforms.operator'), children: r.operator.name },
          {
            key: 'creditCode',
            label: t('portal.platforms.creditCode'),
            children: <span className="zc-mono">{r.operator.creditCode}</span>,
          },
          {
            key: 'contact',
            label: t('portal.platforms.contact'),
            children: `${r.operator.contactName} ${r.operator.contactPhone}`,
          },
          { key: 'address', label: t('portal.platforms.address'), children: r.operator.address ?? EMPTY },
        ]}
      />
      <Descriptions
        title={t('portal.platforms.certification')}
        style={{ marginTop: 16 }}
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'reportNo', label: t('portal.platforms.reportNo'), children: certification.reportNo },
          { key: 'issuedBy', label: t('portal.platforms.issuedBy'), children: certification.issuedBy },
          { key: 'issuedOn', label: t('portal.platforms.issuedOn'), children: certification.issuedOn },
          {
            key: 'validUntil',
            label: t('portal.platforms.validUntil'),
            children: certification.validUntil ?? EMPTY,
          },
          {
            key: 'report',
            label: t('portal.platforms.report'),
            children: certification.reportUrl ? (
              <a href={certification.reportUrl} target="_blank" rel="noreferrer noopener">
                {certification.reportUrl}
              </a>
            ) : (
              EMPTY
            ),
          },
          {
            key: 'reportSha256',
            label: t('portal.platforms.reportSha256'),
            children: certification.reportSha256 ? <HashText value={certification.reportSha256} /> : EMPTY,
          },
        ]}
      />
      <Descriptions
        title={t('portal.platforms.interface')}
        style={{ marginTop: 16 }}
        size="small"
        column={1}
        items={[
          {
            key: 'standard',
            label: t('portal.platforms.interface'),
            children: t('portal.platforms.interfaceValue', {
              name: r.interfaceStandard.name,
              version: r.interfaceStandard.version,
            }),
          },
          {
            key: 'dataSets',
            label: t('portal.platforms.dataSets'),
            children: r.interfaceStandard.dataSets.map((code) => <Tag key={code}>{code}</Tag>),
          },
        ]}
      />
      <Typography.Title level={5}>{t('portal.platforms.services')}</Typography.Title>
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={[...r.services]}
        data-testid={`platform-services-${platform.platformCode}`}
        columns={[
          { key: 'name', title: t('portal.platforms.service'), dataIndex: 'name', width: 200 },
          { key: 'description', title: t('portal.platforms.serviceDescription'), dataIndex: 'description' },
          {
            key: 'fee',
            title: t('portal.platforms.fee'),
            width: 200,
            align: 'right',
            render: (_, service) => <span className="zc-tabular">{feeText(service, t)}</span>,
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('portal.platforms.keys')}
      </Typography.Title>
      <Collapse
        size="small"
        items={r.publicKeys.map((key) => ({
          key: key.keyId,
          label: (
            <span>
              {t(`portal.platforms.suite.${key.suite}`)} · {t('portal.platforms.keyId')}{' '}
              <HashText value={key.keyId} />
              {key.validFrom ? (
                <>
                  {' '}
                  · {t('portal.platforms.validFrom')} <CstTime value={key.validFrom} />
                </>
              ) : null}
            </span>
          ),
          children: (
            <pre className="zc-mono zc-break" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              {key.publicKeyPem}
            </pre>
          ),
        }))}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('portal.platforms.submittedAt')}: <CstTime value={r.submittedAt} marker />
      </Typography.Paragraph>
    </Card>
  );
}
