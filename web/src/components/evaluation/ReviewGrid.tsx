import { Button, Radio, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  REJECTION_GROUNDS,
  type RejectionGround,
} from '../../../../src/domain/evaluation/compliance-review.ts';
import { useLocale } from '../../i18n.ts';
import { RefusalAlert, StatusTag } from '../TradingBits.tsx';
import type { EvaluationApi, EvaluationSession, SessionBid, VoteInput } from './evaluation-api.ts';

const GROUNDS = Object.keys(REJECTION_GROUNDS) as RejectionGround[];

interface Draft {
  readonly pass: boolean | null;
  readonly ground: RejectionGround | null;
}

function key(bidId: string, requirementId: string): string {
  return `${bidId}/${requirementId}`;
}

/**
 * The qualification and compliance review (条例 51): for each bid and requirement the member votes
 * pass or fail, and may name the 条例 51 ground of a failure. Votes are final once cast, so cast
 * votes show read-only and only the remaining cells are sent.
 */
export function ReviewGrid({
  api,
  session,
  onChanged,
}: {
  readonly api: EvaluationApi;
  readonly session: EvaluationSession;
  readonly onChanged: () => void;
}) {
  const { t, locale } = useLocale();
  const self = session.members.find((m) => m.self)?.label;
  const cast = new Map(
    session.votes.filter((v) => v.member === self).map((v) => [key(v.bidId, v.requirementId), v]),
  );
  const [drafts, setDrafts] = useState<Readonly<Record<string, Draft>>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const open = session.status === 'open' && session.report === null;

  const pendingVotes: VoteInput[] = [];
  let incomplete = false;
  for (const bid of session.bids) {
    for (const r of session.requirements) {
      if (cast.has(key(bid.bidId, r.id))) continue;
      const draft = drafts[key(bid.bidId, r.id)];
      if (!draft || draft.pass === null) {
        incomplete = true;
        continue;
      }
      pendingVotes.push({
        bidId: bid.bidId,
        requirementId: r.id,
        pass: draft.pass,
        ground: draft.pass ? null : draft.ground,
      });
    }
  }

  function setDraft(cell: string, change: Partial<Draft>) {
    setDrafts((previous) => ({
      ...previous,
      [cell]: { pass: null, ground: null, ...previous[cell], ...change },
    }));
    setError(null);
  }

  async function submit() {
    setSaving(true);
    setError(null);
    try {
      await api.castVotes(session.sectionId, pendingVotes);
      setDrafts({});
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  }

  const groundLabel = (ground: string) => {
    const known = REJECTION_GROUNDS[ground as RejectionGround] as
      (typeof REJECTION_GROUNDS)[RejectionGround] | undefined;
    return known ? `(${known.item}) ${locale === 'zh-CN' ? known.zh : known.en}` : ground;
  };

  const columns: TableColumnsType<SessionBid> = [
    {
      key: 'bid',
      title: t('ev.bid'),
      width: 200,
      fixed: 'left',
      render: (_: unknown, bid) => (
        <div>
          <div>{bid.bidderName}</div>
          <StatusTag prefix="ev.review" value={bid.review} />
        </div>
      ),
    },
    ...session.requirements.map((r) => ({
      key: r.id,
      title: (
        <span>
          {r.title}{' '}
          <Typography.Text type="secondary">
            {t(r.stage === 'qualification' ? 'ev.stage.qualification' : 'ev.stage.compliance')}
          </Typography.Text>
        </span>
      ),
      width: 260,
      render: (_: unknown, bid: SessionBid) => {
        const cell = key(bid.bidId, r.id);
        const done = cast.get(cell);
        if (done) {
          return (
            <span data-testid={`vote-${bid.bidId}-${r.id}-cast`}>
              <Tag color={done.pass ? 'green' : 'red'}>{done.pass ? t('ev.pass') : t('ev.fail')}</Tag>
              {done.ground ? groundLabel(done.ground) : null}
            </span>
          );
        }
        const draft = drafts[cell];
        return (
          <div className="zc-ev-vote">
            <Radio.Group
              size="small"
              optionType="button"
              disabled={!open}
              value={draft?.pass ?? null}
              onChange={(event) => setDraft(cell, { pass: event.target.value as boolean })}
              options={[
                {
                  value: true,
                  label: <span data-testid={`vote-${bid.bidId}-${r.id}-pass`}>{t('ev.pass')}</span>,
                },
                {
                  value: false,
                  label: <span data-testid={`vote-${bid.bidId}-${r.id}-fail`}>{t('ev.fail')}</span>,
                },
              ]}
            />
            {draft?.pass === false ? (
              <Select<RejectionGround>
                size="small"
                allowClear
                className="zc-ev-ground"
                placeholder={r.ground ? groundLabel(r.ground) : t('ev.groundPick')}
                value={draft.ground ?? undefined}
                onChange={(ground) => setDraft(cell, { ground: ground ?? null })}
                options={GROUNDS.map((g) => ({ value: g, label: groundLabel(g) }))}
                data-testid={`ground-${bid.bidId}-${r.id}`}
              />
            ) : null}
          </div>
        );
      },
    })),
  ];

  return (
    <div data-testid="review-grid">
      <Typography.Paragraph type="secondary">{t('ev.reviewHint')}</Typography.Paragraph>
      <RefusalAlert error={error} testId="review-error" />
      <Table<SessionBid>
        rowKey="bidId"
        size="small"
        columns={columns}
        dataSource={session.bids as SessionBid[]}
        pagination={false}
        scroll={{ x: 200 + 260 * session.requirements.length }}
      />
      {open ? (
        <Button
          type="primary"
          className="zc-ev-submit"
          disabled={pendingVotes.length === 0}
          loading={saving}
          onClick={() => void submit()}
          data-testid="review-submit"
        >
          {incomplete && pendingVotes.length > 0
            ? t('ev.castSome', { count: pendingVotes.length })
            : t('ev.cast')}
        </Button>
      ) : null}
    </div>
  );
}
