import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Progress, Spin, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api.ts';
import type { BidDecryption, OpeningKeyView, ProjectDecryption } from '../api-types.ts';
import { EMPTY } from '../format.ts';
import { useT } from '../i18n.ts';
import { useServerNow } from '../server-clock.tsx';
import { useSignedIn } from '../session.tsx';
import { errorText, useShowError } from '../use-show-error.ts';
import { CstColumnTitle, CstTime } from './CstTime.tsx';
import { HashText } from './HashText.tsx';
import { OpeningKeyHoldersTable } from './OpeningKeyHoldersTable.tsx';
import { KeyShareSubmit } from './KeyShareSubmit.tsx';
import { StatusTag } from './TradingBits.tsx';

type Phase = 'dec.notOpen' | 'dec.open' | 'dec.closed';

/**
 * 开标密钥 on the tenderer's project page (issue 4 items 3 and 9): the recorded opening key and
 * its holders; from the deadline the decryption window, each bid's status and the reassembly
 * progress; once the window has closed, the form to hand in a keyholder's share.
 * Test ids: `opening-key-status-*`.
 */
export function OpeningKeyStatus({ projectId }: { readonly projectId: string }) {
  const t = useT();
  const { api } = useSignedIn();
  const showError = useShowError();
  const now = useServerNow();
  const [openingKey, setOpeningKey] = useState<OpeningKeyView | null | undefined>(undefined);
  const [decryption, setDecryption] = useState<ProjectDecryption | null>(null);
  const [notYet, setNotYet] = useState<string | null>(null);

  const load = useCallback(() => {
    api
      .openingKey(projectId)
      .then(setOpeningKey)
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) setOpeningKey(null);
        else showError(error);
      });
    api
      .projectDecryption(projectId)
      .then((overview) => {
        setDecryption(overview);
        setNotYet(null);
      })
      // Before the deadline the platform refuses with E4: the card says so and shows the key only.
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 422) setNotYet(errorText(error, t));
        else showError(error);
      });
  }, [api, projectId, showError, t]);
  useEffect(load, [load]);

  if (openingKey === undefined) return <Spin />;
  if (openingKey === null) {
    return <Empty description={t('okey.none')} data-testid="opening-key-status-none" />;
  }

  const phase = decryptionPhase(decryption?.window ?? null, now);
  const progress = decryption?.openingKey;
  const reassembledAt = progress?.reassembledAt ?? openingKey.reassembledAt;

  return (
    <div data-testid="opening-key-status">
      <Card
        size="small"
        title={t('okey.title')}
        className="zc-section-card"
        extra={
          <Button
            size="small"
            icon={<ReloadOutlined />}
            onClick={load}
            data-testid="opening-key-status-refresh"
          >
            {t('okey.refresh')}
          </Button>
        }
      >
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          className="zc-section-card"
          items={[
            { key: 'suite', label: t('seal.suite'), children: t(`seal.suite.${openingKey.suite}`) },
            {
              key: 'keyId',
              label: t('okey.keyId'),
              children: (
                <span data-testid="opening-key-status-key-id">
                  <HashText value={openingKey.keyId} />
                </span>
              ),
            },
            {
              key: 'threshold',
              label: t('okey.threshold'),
              children: t('okey.kOfN', { k: openingKey.threshold, n: openingKey.holders.length }),
            },
            {
              key: 'created',
              label: t('okey.createdAt'),
              children: <CstTime value={openingKey.createdAt} marker />,
            },
          ]}
        />
        <OpeningKeyHoldersTable holders={openingKey.holders} testId="opening-key-status-holders" />
      </Card>
      <Card size="small" title={t('dec.title')} data-testid="opening-key-status-decryption">
        {notYet ? <Alert type="info" showIcon title={notYet} description={t('okey.beforeDeadline')} /> : null}
        {decryption && progress ? (
          <>
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, md: 3 }}
              className="zc-section-card"
              items={[
                { key: 'state', label: t('tf.status'), children: t(phase) },
                {
                  key: 'opened',
                  label: t('dec.openedAt'),
                  children: <CstTime value={decryption.window.openedAt} marker />,
                },
                {
                  key: 'closes',
                  label: t('dec.closesAt'),
                  children: <CstTime value={decryption.window.closesAt} marker />,
                },
                {
                  key: 'reassembly',
                  label: t('okey.reassembly'),
                  span: 2,
                  children: (
                    <span data-testid="opening-key-status-progress">
                      <Progress
                        percent={Math.min(
                          100,
                          Math.round((progress.sharesSubmitted / progress.threshold) * 100),
                        )}
                        format={() =>
                          t('okey.sharesSubmitted', {
                            submitted: progress.sharesSubmitted,
                            k: progress.threshold,
                          })
                        }
                        status={reassembledAt ? 'success' : 'normal'}
                      />
                    </span>
                  ),
                },
                {
                  key: 'reassembledAt',
                  label: t('okey.reassembledAt'),
                  children: reassembledAt ? (
                    <span data-testid="opening-key-status-reassembled">
                      <CstTime value={reassembledAt} marker />
                    </span>
                  ) : (
                    t('okey.notReassembled')
                  ),
                },
              ]}
            />
            <DecryptionTable bids={decryption.bids} />
            {phase === 'dec.closed' && !reassembledAt ? (
              <KeyShareSubmit
                projectId={projectId}
                suite={openingKey.suite}
                holders={openingKey.holders}
                onSubmitted={(submitted) => {
                  setDecryption({ ...decryption, openingKey: submitted });
                  // Reassembly opens the bids their bidders failed to decrypt: their rows change too.
                  load();
                }}
              />
            ) : null}
          </>
        ) : null}
        {!decryption && !notYet ? <Spin /> : null}
      </Card>
    </div>
  );
}

function DecryptionTable({ bids }: { readonly bids: readonly BidDecryption[] }) {
  const t = useT();
  if (!bids.length) {
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dec.none')} className="zc-section-card" />
    );
  }
  return (
    <Table<BidDecryption>
      rowKey="bidId"
      size="small"
      pagination={false}
      className="zc-section-card"
      dataSource={bids as BidDecryption[]}
      data-testid="opening-key-status-bids"
      columns={[
        {
          key: 'section',
          title: t('bid.section'),
          dataIndex: 'sectionCode',
          width: 180,
          render: (v: string) => <span className="zc-mono">{v}</span>,
        },
        { key: 'bidder', title: t('role.bidder'), dataIndex: 'bidderName' },
        {
          key: 'status',
          title: t('tf.status'),
          width: 200,
          render: (_, bid) => (
            <span data-testid={`opening-key-status-bid-${bid.bidId}`}>
              <StatusTag prefix="decryptionStatus" value={bid.status} />
            </span>
          ),
        },
        {
          key: 'by',
          title: t('dec.decryptedBy'),
          width: 140,
          render: (_, bid) => (bid.decryptedBy ? t(`dec.by.${bid.decryptedBy}`) : EMPTY),
        },
        {
          key: 'at',
          title: <CstColumnTitle label={t('dec.decryptedAt')} />,
          width: 180,
          render: (_, bid) => (bid.decryptedAt ? <CstTime value={bid.decryptedAt} /> : EMPTY),
        },
      ]}
    />
  );
}

function decryptionPhase(decryptionWindow: ProjectDecryption['window'] | null, now: number | null): Phase {
  if (!decryptionWindow || now === null || now < Date.parse(decryptionWindow.openedAt)) return 'dec.notOpen';
  return now < Date.parse(decryptionWindow.closesAt) ? 'dec.open' : 'dec.closed';
}
