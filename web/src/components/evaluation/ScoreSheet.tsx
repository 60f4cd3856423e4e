import { Alert, App, Button, Input, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api.ts';
import { translateOptional, useLocale } from '../../i18n.ts';
import type { Locale } from '../../shared-domain.ts';
import { errorText } from '../../use-show-error.ts';
import { CstTime } from '../CstTime.tsx';
import type { EvaluationApi, EvaluationSession, SessionBid } from './evaluation-api.ts';
import {
  bidSumCenti,
  type CellProblem,
  cellKey,
  cellProblems,
  type Cells,
  cellsOf,
  entriesOf,
  expertCriteria,
  formatCenti,
  mapProblems,
  type SheetShape,
} from './score-sheet.ts';

/** A cell problem in the user's language: "超出 0–40 分" and the like. */
export function problemText(problem: CellProblem, locale: Locale): string {
  const template = translateOptional(locale, `ev.problem.${problem.code}`) ?? problem.code;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    problem.params[name] === undefined ? whole : String(problem.params[name]),
  );
}

/**
 * The member's score sheet (综合评估法): one cell per passed bid and expert-scored criterion,
 * checked as it is typed with the platform's rules, the sum per bid with 2 decimals, and the
 * platform's own refusal put back on the cells.
 */
export function ScoreSheet({
  api,
  session,
  criteria,
  priceCriterion,
  onSaved,
}: {
  readonly api: EvaluationApi;
  readonly session: EvaluationSession;
  readonly criteria: SheetShape['criteria'];
  readonly priceCriterion: string | null;
  readonly onSaved: () => void;
}) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const self = session.members.find((m) => m.self)?.label;
  const saved = session.scoreSheets.find((s) => s.member === self);
  const bids = session.bids.filter((b) => b.review === 'passed');
  const shape: SheetShape = { criteria, priceCriterion, bidIds: bids.map((b) => b.bidId) };
  const [cells, setCells] = useState<Cells>(() => cellsOf(saved?.entries ?? []));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [serverProblems, setServerProblems] = useState<ReadonlyMap<string, CellProblem>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const live = cellProblems(shape, cells);
  const editable = session.status === 'open' && session.report === null;

  // A missing cell is only an error once the expert has tried to save; a wrong value shows at once.
  function problemOf(cell: string): CellProblem | undefined {
    const found = serverProblems.get(cell) ?? live.get(cell);
    if (!found) return undefined;
    if (found.code === 'required' && !submitted && !touched.has(cell)) return undefined;
    return found;
  }

  function change(cell: string, text: string) {
    setCells((previous) => ({ ...previous, [cell]: text }));
    setTouched((previous) => new Set(previous).add(cell));
    setServerProblems((previous) => {
      const next = new Map(previous);
      next.delete(cell);
      return next;
    });
    setError(null);
  }

  async function save() {
    setSubmitted(true);
    if (live.size > 0) return;
    const entries = entriesOf(shape, cells);
    setSaving(true);
    setError(null);
    try {
      await api.saveScoreSheet(session.sectionId, entries);
      void message.success(t('ev.scoreSaved'));
      onSaved();
    } catch (failure) {
      const mapped =
        failure instanceof ApiError ? mapProblems(shape.bidIds, entries, failure.details ?? []) : new Map();
      setServerProblems(mapped);
      if (mapped.size === 0) setError(errorText(failure, t));
    } finally {
      setSaving(false);
    }
  }

  if (session.method === 'lowest_price') {
    return <Alert type="info" showIcon title={t('ev.lowestPriceNoScores')} />;
  }
  if (bids.length === 0) {
    return <Alert type="info" showIcon title={t('ev.scoreWaitsForReview')} data-testid="score-waiting" />;
  }

  const columns: TableColumnsType<SessionBid> = [
    { key: 'bid', title: t('ev.bid'), dataIndex: 'bidderName', width: 200, fixed: 'left' },
    ...expertCriteria(shape).map((c) => ({
      key: c.name,
      title: t('ev.criterionMax', { name: c.name, max: c.weight }),
      width: 180,
      render: (_: unknown, bid: SessionBid) => {
        const cell = cellKey(bid.bidId, c.name);
        const problem = problemOf(cell);
        const testId = `score-${bid.bidId}-${c.name}`;
        return (
          <div>
            <Input
              size="small"
              inputMode="decimal"
              value={cells[cell] ?? ''}
              status={problem ? 'error' : undefined}
              disabled={!editable}
              onChange={(event) => change(cell, event.target.value)}
              data-testid={testId}
              aria-invalid={problem ? true : undefined}
            />
            {problem ? (
              <Typography.Text type="danger" className="zc-ev-cell-error" data-testid={`${testId}-error`}>
                {problemText(problem, locale)}
              </Typography.Text>
            ) : null}
          </div>
        );
      },
    })),
    {
      key: 'sum',
      title: t('ev.sum'),
      width: 110,
      align: 'right' as const,
      render: (_: unknown, bid: SessionBid) => (
        <span className="zc-tabular" data-testid={`score-sum-${bid.bidId}`}>
          {formatCenti(bidSumCenti(shape, cells, bid.bidId))}
        </span>
      ),
    },
  ];

  return (
    <div data-testid="score-sheet">
      <Typography.Paragraph type="secondary">
        {priceCriterion ? t('ev.scoreHintPrice', { price: priceCriterion }) : t('ev.scoreHint')}
      </Typography.Paragraph>
      {error ? (
        <Alert type="error" showIcon title={error} className="zc-form-error" data-testid="score-error" />
      ) : null}
      <Table<SessionBid>
        rowKey="bidId"
        size="small"
        columns={columns}
        dataSource={bids}
        pagination={false}
        scroll={{ x: 310 + 180 * expertCriteria(shape).length }}
      />
      <div className="zc-ev-submit">
        {editable ? (
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="score-save">
            {t('ev.scoreSave')}
          </Button>
        ) : null}
        {saved ? (
          <Typography.Text type="secondary" data-testid="score-saved-at">
            {t('ev.scoreSavedAt')} <CstTime value={saved.savedAt} marker />
          </Typography.Text>
        ) : null}
      </div>
    </div>
  );
}
