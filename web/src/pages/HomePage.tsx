import { Card, Col, Descriptions, type DescriptionsProps, Row, Tag, Typography } from 'antd';
import { createElement } from 'react';
import { Link } from 'react-router-dom';
import { CstTime } from '../components/CstTime.tsx';
import { PageContainer } from '../components/PageContainer.tsx';
import { RoleTags } from '../components/RoleTags.tsx';
import { useLocale } from '../i18n.ts';
import { visibleNavItems } from '../layout/navigation.ts';
import { useServerClock, useServerNow } from '../server-clock.tsx';
import { useSignedIn } from '../session.tsx';

/** The dashboard: who you are, where you are, and the platform's clock. */
export default function HomePage() {
  const { t, locale } = useLocale();
  const zh = locale === 'zh-CN';
  const { platform, user } = useSignedIn();
  const { info, failed } = useServerClock();
  const now = useServerNow();
  const shortcuts = visibleNavItems(platform, user.roles).filter((item) => item.key !== 'home');
  const clock = info?.clock;

  const account: DescriptionsProps['items'] = [
    { key: 'displayName', label: t('field.displayName'), children: user.displayName },
    { key: 'username', label: t('field.username'), children: user.username },
    {
      key: 'organisation',
      label: t('field.organisation'),
      children: user.organisation?.name ?? (
        <Typography.Text type="secondary">{t('user.noOrganisation')}</Typography.Text>
      ),
    },
    ...(user.organisation
      ? [
          {
            key: 'creditCode',
            label: t('field.creditCode'),
            children: <span className="zc-mono">{user.organisation.creditCode}</span>,
          },
        ]
      : []),
    { key: 'roles', label: t('field.roles'), children: <RoleTags roles={user.roles} /> },
    { key: 'platform', label: t('field.platform'), children: t(`platform.${platform}.full`) },
  ];

  const service: DescriptionsProps['items'] = [
    {
      key: 'time',
      label: t('home.serverTime'),
      children:
        now !== null ? <CstTime value={now} marker /> : failed ? t('clock.unavailable') : t('common.loading'),
    },
    {
      key: 'mode',
      label: t('home.clockMode'),
      children: clock ? (
        <Tag color={clock.mode === 'production' ? 'green' : 'orange'}>
          {t(`clock.mode.${clock.mode}`, { factor: clock.factor })}
        </Tag>
      ) : null,
    },
    {
      key: 'version',
      label: t('home.version'),
      children: info?.version ?? null,
    },
  ];

  return (
    <PageContainer title={t('home.welcome', { name: user.displayName })}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('home.account')} data-testid="home-account">
            <Descriptions
              column={1}
              size="small"
              styles={{ label: { width: zh ? 150 : 220 } }}
              items={account}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('home.service')} data-testid="home-service">
            <Descriptions
              column={1}
              size="small"
              styles={{ label: { width: zh ? 110 : 130 } }}
              items={service}
            />
          </Card>
          {shortcuts.length > 0 ? (
            <Card title={t('home.shortcuts')} className="zc-shortcuts">
              <div className="zc-shortcut-grid">
                {shortcuts.map((item) => (
                  <Link
                    key={item.key}
                    to={item.path}
                    className="zc-shortcut"
                    data-testid={`shortcut-${item.key}`}
                  >
                    {createElement(item.icon)}
                    <span>{t(item.label)}</span>
                  </Link>
                ))}
              </div>
            </Card>
          ) : null}
        </Col>
      </Row>
    </PageContainer>
  );
}
