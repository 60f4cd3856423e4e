import { Button, Layout, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { PageContainer } from '../components/PageContainer.tsx';
import { useT } from '../i18n.ts';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { ReceiptVerifier } from '../ledger/ReceiptVerifier.tsx';
import { receiptJsonFromState } from '../ledger/verify-link.ts';

/**
 * 回执核验 in the signed-in app, for every user: a bidder checks its own receipt, a supervisor one
 * it was shown. The bid panel opens it filled in with a receipt (router state).
 */
export default function LedgerVerifyPage() {
  const t = useT();
  const { state } = useLocation();
  return (
    <PageContainer title={t('ledger.verify.title')}>
      <ReceiptVerifier initialJson={receiptJsonFromState(state)} />
    </PageContainer>
  );
}

/** The same page without signing in (linked from the login page): anyone holding a receipt may check it. */
export function PublicLedgerVerifyPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Layout className="zc-shell">
      <Layout.Header className="zc-header">
        <div className="zc-brand">
          <span className="zc-brand-mark">招</span>
          <span className="zc-brand-name">{t('app.brand')}</span>
        </div>
        <div className="zc-header-tools">
          <LanguageSwitch inverted />
          <Button ghost size="small" onClick={() => navigate('/login')} data-testid="receipt-verify-login">
            {t('ledger.verify.toLogin')}
          </Button>
        </div>
      </Layout.Header>
      <Layout.Content className="zc-content">
        <PageContainer title={t('ledger.verify.title')}>
          <Typography.Paragraph>{t('ledger.verify.publicIntro')}</Typography.Paragraph>
          <ReceiptVerifier initialJson={null} />
        </PageContainer>
        <div className="zc-footer">{t('app.footer')}</div>
      </Layout.Content>
    </Layout>
  );
}
