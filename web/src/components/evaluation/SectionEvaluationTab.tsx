import { Card, Select, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import type { Section } from '../../api-types.ts';
import { useT } from '../../i18n.ts';
import { AwardPanel } from '../award/AwardPanel.tsx';
import { CommitteePanel } from './CommitteePanel.tsx';
import { EvaluationStatusPanel } from './EvaluationStatusPanel.tsx';
import { useEvaluationApi } from './evaluation-api.ts';
import './evaluation.css';

/** The project page's 评标与定标 tab: per section, the committee draw, the evaluation and the award. */
export function SectionEvaluationTab({ sections }: { readonly sections: readonly Section[] }) {
  const t = useT();
  const api = useEvaluationApi();
  const [sectionId, setSectionId] = useState(sections[0]?.id ?? '');
  const [reportFinal, setReportFinal] = useState(false);
  const onReport = useCallback((final: boolean) => setReportFinal(final), []);
  if (!sectionId) return null;
  return (
    <Space direction="vertical" size="middle" className="zc-ev-stack" data-testid="section-evaluation">
      {sections.length > 1 ? (
        <Space>
          <Typography.Text>{t('ev.section')}</Typography.Text>
          <Select<string>
            className="zc-filter-wide"
            value={sectionId}
            onChange={(id) => {
              setSectionId(id);
              setReportFinal(false);
            }}
            options={sections.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
          />
        </Space>
      ) : null}
      <Card size="small" title={t('cm.title')}>
        <CommitteePanel key={`committee-${sectionId}`} api={api} sectionId={sectionId} />
      </Card>
      <Card size="small" title={t('ev.title')}>
        <EvaluationStatusPanel
          key={`evaluation-${sectionId}`}
          api={api}
          sectionId={sectionId}
          onReport={onReport}
        />
      </Card>
      <AwardPanel
        key={`award-${sectionId}-${reportFinal}`}
        api={api}
        sectionId={sectionId}
        reportFinal={reportFinal}
      />
    </Space>
  );
}
