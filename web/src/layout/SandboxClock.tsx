import { ClockCircleOutlined, ExperimentOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { formatCst } from '../format.ts';
import { useT } from '../i18n.ts';
import { useServerClock, useServerNow } from '../server-clock.tsx';

/**
 * The platform's clock in CST. In sandbox mode it is prominent, since deadlines run on virtual
 * time; in production it is a quiet reference clock.
 */
export function SandboxClock() {
  const t = useT();
  const { sample } = useServerClock();
  const now = useServerNow();
  if (!sample || now === null) return null;
  const time = `${formatCst(now)} ${t('time.cst')}`;
  if (sample.mode === 'production') {
    return (
      <Tooltip title={t('time.cstLong')}>
        <span className="zc-header-clock zc-tabular" data-testid="server-clock">
          <ClockCircleOutlined /> {time}
        </span>
      </Tooltip>
    );
  }
  const sandbox = sample.mode === 'sandbox';
  return (
    <Tooltip title={sandbox ? t('clock.sandboxHint', { factor: sample.factor }) : t('clock.testHint')}>
      <Tag
        data-testid="sandbox-clock"
        color={sandbox ? 'orange' : 'purple'}
        variant="solid"
        icon={<ExperimentOutlined />}
        className="zc-sandbox-clock zc-tabular"
      >
        {sandbox ? `${t('clock.sandbox')} ×${sample.factor}` : t('clock.test')} · {time}
      </Tag>
    </Tooltip>
  );
}
