import { Button, Layout, Menu } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useT } from '../../i18n.ts';
import { LanguageSwitch } from '../../layout/LanguageSwitch.tsx';
import { PORTAL_NOTICES_PATH, PORTAL_PLATFORMS_PATH } from './notice-search.ts';

/** The frame of the hub's public pages: brand, the portal's two sections, language, sign-in. */
export function PublicShell({ children }: { readonly children: ReactNode }) {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const selected = pathname.startsWith(PORTAL_PLATFORMS_PATH) ? PORTAL_PLATFORMS_PATH : PORTAL_NOTICES_PATH;
  return (
    <Layout className="zc-shell">
      <Layout.Header className="zc-header">
        <div className="zc-brand">
          <span className="zc-brand-mark">招</span>
          <span className="zc-brand-name">{t('app.brand')}</span>
        </div>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[selected]}
          style={{ flex: 1, minWidth: 0, background: 'transparent', marginLeft: 24 }}
          items={[
            {
              key: PORTAL_NOTICES_PATH,
              label: (
                <Link to={PORTAL_NOTICES_PATH} data-testid="portal-nav-notices">
                  {t('portal.nav.notices')}
                </Link>
              ),
            },
            {
              key: PORTAL_PLATFORMS_PATH,
              label: (
                <Link to={PORTAL_PLATFORMS_PATH} data-testid="portal-nav-platforms">
                  {t('portal.nav.platforms')}
                </Link>
              ),
            },
          ]}
        />
        <div className="zc-header-tools">
          <LanguageSwitch inverted />
          <Button ghost size="small" onClick={() => navigate('/login')} data-testid="portal-login">
            {t('portal.toLogin')}
          </Button>
        </div>
      </Layout.Header>
      <Layout.Content className="zc-content">
        {children}
        <div className="zc-footer">{t('app.footer')}</div>
      </Layout.Content>
    </Layout>
  );
}
