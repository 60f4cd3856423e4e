import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n.ts';
import { useSignedIn } from '../session.tsx';

/** A page that exists but not for this user's roles on this platform. */
export default function ForbiddenPage() {
  const t = useT();
  const navigate = useNavigate();
  const { platform } = useSignedIn();
  return (
    <Result
      status="403"
      title={t('error.forbidden.title')}
      subTitle={t('error.forbidden.text', { platform: t(`platform.${platform}`) })}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
      data-testid="forbidden"
    />
  );
}
