import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useLocale } from './i18n.ts';
import { AppLayout } from './layout/AppLayout.tsx';
import { canAccess, NAV_ITEMS } from './layout/navigation.ts';
import { PUBLIC_RECEIPT_VERIFY_PATH } from './ledger/verify-link.ts';
import { LocaleProvider } from './locale-provider.tsx';
import { PORTAL_NOTICES_PATH, PORTAL_PLATFORMS_PATH } from './pages/portal/notice-search.ts';
import { SessionProvider, useSession, useSignedIn } from './session.tsx';
import type { Locale } from './shared-domain.ts';
import { THEME } from './theme.ts';

const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));
const ForbiddenPage = lazy(() => import('./pages/ForbiddenPage.tsx'));
const PublicLedgerVerifyPage = lazy(async () => ({
  default: (await import('./pages/LedgerVerifyPage.tsx')).PublicLedgerVerifyPage,
}));
const NoticeSearchPage = lazy(() => import('./pages/portal/NoticeSearchPage.tsx'));
const NoticePage = lazy(() => import('./pages/portal/NoticePage.tsx'));
const PlatformsPage = lazy(() => import('./pages/portal/PlatformsPage.tsx'));

const ANTD_LOCALE = { 'zh-CN': zhCN, 'en-US': enUS } satisfies Record<Locale, unknown>;

export function App() {
  return (
    <LocaleProvider>
      <ThemedApp />
    </LocaleProvider>
  );
}

function ThemedApp() {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={ANTD_LOCALE[locale]} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

function AppRoutes() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path={PUBLIC_RECEIPT_VERIFY_PATH} element={<PublicLedgerVerifyPage />} />
        <Route path={PORTAL_NOTICES_PATH} element={<NoticeSearchPage />} />
        <Route path={`${PORTAL_NOTICES_PATH}/:id`} element={<NoticePage />} />
        <Route path={PORTAL_PLATFORMS_PATH} element={<PlatformsPage />} />
        <Route
          element={
            <RequireSession>
              <AppLayout />
            </RequireSession>
          }
        >
          {NAV_ITEMS.map((item) => (
            <Route
              key={item.key}
              path={item.path}
              element={
                <RequireAccess access={item.access}>
                  <item.page />
                </RequireAccess>
              }
            />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

/** Pages behind the login: wait while a stored sign-in is checked, else go to the login page. */
function RequireSession({ children }: { readonly children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'restoring') return <FullPageSpin />;
  if (state.status === 'anonymous') {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return children;
}

function RequireAccess({
  access,
  children,
}: {
  readonly access: (typeof NAV_ITEMS)[number]['access'];
  readonly children: ReactNode;
}) {
  const { platform, user } = useSignedIn();
  return canAccess(access, platform, user.roles) ? children : <ForbiddenPage />;
}

function FullPageSpin() {
  return (
    <div className="zc-full-page">
      <Spin size="large" />
    </div>
  );
}
