import { Divider, Layout, Spin } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet } from 'react-router-dom';
import { useT } from '../i18n.ts';
import { ServerClockProvider } from '../server-clock.tsx';
import { useSignedIn } from '../session.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { visibleNavItems } from './navigation.ts';
import { SandboxClock } from './SandboxClock.tsx';
import { SideNav } from './SideNav.tsx';
import { UserMenu } from './UserMenu.tsx';

/** The signed-in frame: header with platform, clock, language and user; menu on the left. */
export function AppLayout() {
  const t = useT();
  const { platform, user, api } = useSignedIn();
  const [collapsed, setCollapsed] = useState(false);

  return (
    <ServerClockProvider api={api}>
      <Layout className="zc-shell">
        <Layout.Header className="zc-header">
          <div className="zc-brand">
            <span className="zc-brand-mark">招</span>
            <span className="zc-brand-name">{t('app.brand')}</span>
            <Divider orientation="vertical" className="zc-header-divider" />
            <span className="zc-platform-name" data-testid="platform-name">
              {t(`platform.${platform}.full`)}
            </span>
          </div>
          <div className="zc-header-tools">
            <SandboxClock />
            <LanguageSwitch inverted />
            <UserMenu />
          </div>
        </Layout.Header>
        <Layout>
          <Layout.Sider
            width={208}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            breakpoint="lg"
            theme="light"
            className="zc-sider"
          >
            <SideNav items={visibleNavItems(platform, user.roles)} />
          </Layout.Sider>
          <Layout.Content className="zc-content">
            <Suspense fallback={<Spin className="zc-page-loading" />}>
              <Outlet />
            </Suspense>
            <div className="zc-footer">{t('app.footer')}</div>
          </Layout.Content>
        </Layout>
      </Layout>
    </ServerClockProvider>
  );
}
