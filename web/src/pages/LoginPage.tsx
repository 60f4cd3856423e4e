import { FileSearchOutlined, LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Segmented, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { createApiClient } from '../api.ts';
import type { SystemInfo } from '../api-types.ts';
import { useT } from '../i18n.ts';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { PUBLIC_RECEIPT_VERIFY_PATH } from '../ledger/verify-link.ts';
import { PORTAL_NOTICES_PATH } from './portal/notice-search.ts';
import { useSession } from '../session.tsx';
import { PLATFORMS, type Platform } from '../shared-domain.ts';
import { readSession } from '../storage.ts';
import { errorText } from '../use-show-error.ts';

interface Credentials {
  readonly username: string;
  readonly password: string;
}

type ServiceStatus =
  | { readonly state: 'unknown' }
  | { readonly state: 'up'; readonly info: SystemInfo }
  | { readonly state: 'down' };

export default function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const [platform, setPlatform] = useState<Platform>(session.state.platform);
  const [error, setError] = useState<string | null>(null);
  // Why the user was sent here (an expired or revoked sign-in), in the server's words.
  const notice =
    session.state.status === 'anonymous' && session.state.platform === platform
      ? session.state.notice
      : undefined;
  const [submitting, setSubmitting] = useState(false);
  const [service, setService] = useState<ServiceStatus>({ state: 'unknown' });
  const stored = readSession(platform);
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from !== '/login' ? from : '/';

  useEffect(() => {
    let current = true;
    setService({ state: 'unknown' });
    createApiClient(platform, null)
      .systemInfo()
      .then((info) => current && setService({ state: 'up', info }))
      .catch(() => current && setService({ state: 'down' }));
    return () => {
      current = false;
    };
  }, [platform]);

  if (session.state.status === 'authenticated') return <Navigate to={target} replace />;

  async function submit({ username, password }: Credentials) {
    setSubmitting(true);
    setError(null);
    try {
      await session.login(platform, username.trim(), password);
      navigate(target, { replace: true });
    } catch (failure) {
      setError(errorText(failure, t));
      setSubmitting(false);
    }
  }

  async function resume() {
    setSubmitting(true);
    setError(null);
    try {
      await session.resume(platform);
      navigate(target, { replace: true });
    } catch (failure) {
      setError(errorText(failure, t));
      setSubmitting(false);
    }
  }

  return (
    <div className="zc-login">
      <div className="zc-login-topbar">
        <LanguageSwitch />
      </div>
      <section className="zc-login-hero">
        <div className="zc-login-brand">
          <span className="zc-brand-mark zc-brand-mark-large">招</span>
          <div>
            <h1 className="zc-login-title">{t('app.brand')}</h1>
            <div className="zc-login-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <p className="zc-login-welcome">{t('login.welcome')}</p>
        <ul className="zc-login-platforms">
          {PLATFORMS.map((value) => (
            <li key={value} className={value === platform ? 'zc-login-platform-active' : undefined}>
              <strong>{t(`platform.${value}.full`)}</strong>
              <span>{t(`platform.${value}.summary`)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="zc-login-panel">
        <Card className="zc-login-card" title={t('login.title')} variant="borderless">
          <Form<Credentials>
            layout="vertical"
            requiredMark={false}
            onFinish={submit}
            onValuesChange={() => setError(null)}
          >
            <Form.Item label={t('login.platform')}>
              <Segmented<Platform>
                block
                value={platform}
                onChange={(value) => {
                  setPlatform(value);
                  setError(null);
                }}
                options={PLATFORMS.map((value) => ({
                  value,
                  label: <span data-testid={`login-platform-${value}`}>{t(`platform.${value}.short`)}</span>,
                }))}
              />
              <div className="zc-login-service">
                {service.state === 'up' && service.info.clock.mode !== 'production' ? (
                  <Tag color="orange" variant="outlined">
                    {t('login.sandbox', { factor: service.info.clock.factor })}
                  </Tag>
                ) : null}
                {service.state === 'down' ? (
                  <Typography.Text type="warning">
                    {t('login.serviceDown', { platform: t(`platform.${platform}`) })}
                  </Typography.Text>
                ) : null}
              </div>
            </Form.Item>
            {stored ? (
              <Alert
                className="zc-login-resume"
                type="info"
                showIcon
                title={t('login.signedIn', {
                  platform: t(`platform.${platform}`),
                  name: `${stored.displayName}（${stored.username}）`,
                })}
                action={
                  <Button
                    size="small"
                    type="primary"
                    ghost
                    onClick={() => void resume()}
                    disabled={submitting}
                    data-testid="login-resume"
                  >
                    {t('login.continue')}
                  </Button>
                }
              />
            ) : null}
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                data-testid="login-username"
                size="large"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                data-testid="login-password"
                size="large"
              />
            </Form.Item>
            {notice && !error ? (
              <Alert
                className="zc-login-error"
                type="warning"
                showIcon
                title={<span data-testid="login-notice">{notice}</span>}
              />
            ) : null}
            {error ? (
              <Alert
                className="zc-login-error"
                type="error"
                showIcon
                title={<span data-testid="login-error">{error}</span>}
              />
            ) : null}
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={submitting}
              data-testid="login-submit"
            >
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
        <Link to={PUBLIC_RECEIPT_VERIFY_PATH} style={{ marginTop: 16 }} data-testid="login-receipt-verify">
          <SafetyCertificateOutlined /> {t('ledger.verify.fromLogin')}
        </Link>
        <Link to={PORTAL_NOTICES_PATH} style={{ marginTop: 8 }} data-testid="login-portal">
          <FileSearchOutlined /> {t('portal.fromLogin')}
        </Link>
        <div className="zc-login-footer">{t('app.footer')}</div>
      </section>
    </div>
  );
}
