import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Divider,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Spin,
  Steps,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type {
  Entrustment,
  OpeningKeyView,
  Project,
  ScheduleMinimum,
  ScheduleMinimums,
  SealingTerms,
} from '../api-types.ts';
import { CstTime } from '../components/CstTime.tsx';
import { CstDateTimeInput } from '../components/CstDateTimeInput.tsx';
import { OpeningKeyPanel } from '../components/OpeningKeyPanel.tsx';
import { PageContainer } from '../components/PageContainer.tsx';
import { RefusalAlert, ruleCitation, useLabel, yesNo } from '../components/TradingBits.tsx';
import { formatYuan } from '../format.ts';
import { type Translate, useLocale } from '../i18n.ts';
import { useServerNow } from '../server-clock.tsx';
import { useSignedIn } from '../session.tsx';
import { bidBondLimit, cstDateOf, joinCst, weightSum } from '../trading-format.ts';
import { useShowError } from '../use-show-error.ts';
import { SectionsTable } from './TenderDetailPage.tsx';

interface CriterionForm {
  name: string;
  weight: number;
}

interface SectionForm {
  name: string;
  estimatedPrice: number;
  controlPrice?: number | null;
  referencePrice?: number | null;
  bidBond: number;
  bidValidityDays: number;
  evaluationMethod: 'comprehensive' | 'lowest_price';
  criteria?: CriterionForm[];
  /** 唱标内容 every bid form must state; none when empty. */
  readOutItems?: string[];
}

interface WizardForm {
  name: string;
  procedure: 'open' | 'invited';
  qualification: 'pre' | 'post';
  mustTender: boolean;
  stateFunded: boolean;
  region?: string;
  industry?: string;
  tendererOrganisationId?: string;
  sealing: SealingTerms;
  sections: SectionForm[];
  title: string;
  body: string;
  documentIssueStart: string;
  documentIssueEnd: string;
  bidDeadline: string;
  prequalificationDeadline?: string | null;
  objectionContact: string;
  invitedOrganisationIds?: string[];
}

const STEP_FIELDS: readonly (readonly string[])[] = [
  [
    'name',
    'procedure',
    'qualification',
    'mustTender',
    'stateFunded',
    'region',
    'industry',
    'tendererOrganisationId',
    'sealing',
  ],
  ['sections'],
  [
    'title',
    'body',
    'documentIssueStart',
    'documentIssueEnd',
    'bidDeadline',
    'prequalificationDeadline',
    'objectionContact',
    'invitedOrganisationIds',
  ],
];

const yuanInput = {
  min: 0,
  step: 1000,
  precision: 2,
  style: { width: '100%' },
  formatter: (value: number | string | undefined) =>
    value === undefined || value === '' ? '' : formatYuan(value, { symbol: false }),
  parser: (text: string | undefined) => Number((text ?? '').replaceAll(',', '')),
} as const;

function newSection(n: number): SectionForm {
  return {
    name: `第${n}标段`,
    estimatedPrice: 0,
    bidBond: 0,
    bidValidityDays: 90,
    evaluationMethod: 'comprehensive',
    criteria: [
      { name: '商务', weight: 30 },
      { name: '技术', weight: 40 },
      { name: '价格', weight: 30 },
    ],
  };
}

function kindOf(procedure: string | undefined, qualification: string | undefined): string {
  if (procedure === 'invited') return 'invitation';
  return qualification === 'pre' ? 'prequalification' : 'tender';
}

const OPENING_KEY_STEP = 3;
const REVIEW_STEP = 4;

/**
 * 新建招标项目: project (with its sealing terms) → sections → notice and schedule → opening key →
 * review and publish. Also edits a draft.
 */
export default function ProjectWizardPage() {
  const { t } = useLocale();
  const label = useLabel();
  const { id: editId } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { api, user } = useSignedIn();
  const showError = useShowError();
  const now = useServerNow();
  const [form] = Form.useForm<WizardForm>();
  const [step, setStep] = useState(0);
  const [project, setProject] = useState<Project | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [entrustments, setEntrustments] = useState<readonly Entrustment[]>([]);
  const [minimums, setMinimums] = useState<ScheduleMinimums | null>(null);
  const [openingKey, setOpeningKey] = useState<OpeningKeyView | null>(null);
  const [loading, setLoading] = useState(Boolean(editId));
  const isAgency = user.roles.includes('agency') && !user.roles.includes('tenderer');

  const procedure = Form.useWatch('procedure', form);
  const qualification = Form.useWatch('qualification', form);
  const mustTender = Form.useWatch('mustTender', form);
  const issueStart = Form.useWatch('documentIssueStart', form);

  useEffect(() => {
    if (!isAgency) return;
    api
      .listEntrustments({ active: 'true', page: 1, pageSize: 200 })
      .then((page) => setEntrustments(page.items))
      .catch(showError);
  }, [api, isAgency, showError]);

  useEffect(() => {
    if (!editId) return;
    api
      .getProject(editId)
      .then((loaded) => {
        setProject(loaded);
        const a = loaded.announcement;
        form.setFieldsValue({
          name: loaded.name,
          procedure: loaded.procedure,
          qualification: loaded.qualification,
          mustTender: loaded.mustTender,
          stateFunded: loaded.stateFunded,
          region: loaded.region ?? undefined,
          industry: loaded.industry ?? undefined,
          sealing: loaded.sealing,
          sections: loaded.sections.map((s) => ({
            name: s.name,
            estimatedPrice: s.estimatedPrice,
            controlPrice: s.controlPrice,
            referencePrice: s.referencePrice,
            bidBond: s.bidBond,
            bidValidityDays: s.bidValidityDays,
            evaluationMethod: s.evaluationMethod,
            criteria: s.criteria.map((c) => ({ ...c })),
            readOutItems: s.readOutItems ?? [],
          })),
          ...(a
            ? {
                title: a.title,
                body: a.body,
                documentIssueStart: a.documentIssueStart,
                documentIssueEnd: a.documentIssueEnd,
                bidDeadline: a.bidDeadline,
                prequalificationDeadline: a.prequalificationDeadline,
                objectionContact: a.objectionContact,
                invitedOrganisationIds: a.invitedOrganisationIds,
              }
            : {}),
        });
      })
      .catch(showError)
      .finally(() => setLoading(false));
  }, [api, editId, form, showError]);

  // A lawful default issue start: the next CST day at 09:00 by the platform's clock.
  useEffect(() => {
    if (now === null || form.getFieldValue('documentIssueStart')) return;
    const tomorrow = cstDateOf(now + 86_400_000);
    form.setFieldValue('documentIssueStart', joinCst(tomorrow, '09:00'));
  }, [now, form]);

  useEffect(() => {
    if (!project || !issueStart) return;
    let current = true;
    api
      .scheduleMinimums(project.id, issueStart)
      .then((value) => current && setMinimums(value))
      .catch((error: unknown) => current && showError(error));
    return () => {
      current = false;
    };
  }, [api, project, issueStart, mustTender, qualification, showError]);

  function projectBody(values: WizardForm) {
    return {
      name: values.name.trim(),
      procedure: values.procedure,
      qualification: values.qualification,
      mustTender: values.mustTender,
      stateFunded: values.stateFunded,
      region: values.region?.trim() || null,
      industry: values.industry?.trim() || null,
      sealing: values.sealing,
      sections: values.sections.map((s) => ({
        name: s.name.trim(),
        estimatedPrice: s.estimatedPrice,
        controlPrice: s.controlPrice ?? null,
        referencePrices:
          s.referencePrice === null || s.referencePrice === undefined ? [] : [s.referencePrice],
        bidBond: s.bidBond,
        bidValidityDays: s.bidValidityDays,
        evaluationMethod: s.evaluationMethod,
        criteria: s.evaluationMethod === 'comprehensive' ? (s.criteria ?? []) : [],
        readOutItems: readOutItemsOf(s),
      })),
    };
  }

  async function next() {
    if (step === OPENING_KEY_STEP) {
      if (openingKey) setStep(REVIEW_STEP);
      else void message.warning(t('okey.required'));
      return;
    }
    try {
      await form.validateFields(STEP_FIELDS[step] as never, { recursive: true });
    } catch {
      return;
    }
    const values = form.getFieldsValue(true) as WizardForm;
    setRefusal(null);
    setBusy(true);
    try {
      if (step === 1) {
        const body = projectBody(values);
        const saved = project
          ? await api.updateProject(project.id, body)
          : await api.createProject({
              ...body,
              ...(values.tendererOrganisationId
                ? { tendererOrganisationId: values.tendererOrganisationId }
                : {}),
            });
        setProject(saved);
        // An opening key made for another suite no longer fits the project.
        if (openingKey && openingKey.suite !== saved.sealing.suite) setOpeningKey(null);
        if (!values.title)
          form.setFieldsValue({
            title: `${saved.name}${label('announcementKind', kindOf(values.procedure, values.qualification))}`,
            body: t('wizard.defaultBody'),
          });
      }
      if (step === 2 && project) {
        setProject(
          await api.saveAnnouncement(project.id, {
            title: values.title.trim(),
            body: values.body,
            documentIssueStart: values.documentIssueStart,
            documentIssueEnd: values.documentIssueEnd,
            bidDeadline: values.bidDeadline,
            openingAt: values.bidDeadline,
            prequalificationDeadline:
              values.qualification === 'pre' ? (values.prequalificationDeadline ?? null) : null,
            objectionContact: values.objectionContact.trim(),
            invitedOrganisationIds:
              values.procedure === 'invited' ? (values.invitedOrganisationIds ?? []) : [],
          }),
        );
      }
      setStep(step + 1);
    } catch (error) {
      setRefusal(error);
    } finally {
      setBusy(false);
    }
  }

  async function publish() {
    if (!project) return;
    setRefusal(null);
    setBusy(true);
    try {
      const published = await api.publishProject(project.id);
      void message.success(t('wizard.published'));
      void navigate(`/projects/${published.id}`);
    } catch (error) {
      setRefusal(error);
    } finally {
      setBusy(false);
    }
  }

  if (loading) return <Spin />;

  const steps = [
    t('wizard.step.project'),
    t('wizard.step.sections'),
    t('wizard.step.announcement'),
    t('okey.title'),
    t('wizard.step.review'),
  ];

  return (
    <PageContainer title={editId ? t('wizard.editTitle') : t('wizard.title')}>
      <Card>
        <Steps
          current={step}
          items={steps.map((title) => ({ title }))}
          className="zc-section-card"
          data-testid="wizard-steps"
        />
        {refusal ? (
          <RefusalAlert
            error={refusal}
            title={step === REVIEW_STEP ? t('wizard.refused') : undefined}
            testId="wizard-refusal"
          />
        ) : null}
        <Form<WizardForm>
          form={form}
          layout="vertical"
          requiredMark
          initialValues={{
            procedure: 'open',
            qualification: 'post',
            mustTender: true,
            stateFunded: true,
            sealing: { suite: 'gm', openingKeyRemedy: true, decryptionWindowMinutes: 60 },
            sections: [newSection(1)],
          }}
          onValuesChange={() => setRefusal(null)}
        >
          <div hidden={step !== 0}>
            <ProjectStep isAgency={isAgency} entrustments={entrustments} />
          </div>
          <div hidden={step !== 1}>
            <SectionsStep form={form} />
          </div>
          <div hidden={step !== 2}>
            <AnnouncementStep
              kind={kindOf(procedure, qualification)}
              qualification={qualification}
              procedure={procedure}
              minimums={minimums}
              mustTender={mustTender}
            />
          </div>
        </Form>
        {step === OPENING_KEY_STEP && project ? (
          <OpeningKeyPanel
            projectId={project.id}
            suite={project.sealing.suite}
            fileStem={project.dealCode}
            recorded={openingKey}
            onRecorded={setOpeningKey}
          />
        ) : null}
        {step === REVIEW_STEP && project ? <Review project={project} openingKey={openingKey} /> : null}
        <div className="zc-wizard-actions">
          {step > 0 ? (
            <Button onClick={() => setStep(step - 1)} disabled={busy} data-testid="wizard-previous">
              {t('wizard.previous')}
            </Button>
          ) : null}
          {step < REVIEW_STEP ? (
            <Button type="primary" loading={busy} onClick={() => void next()} data-testid="wizard-next">
              {t('wizard.next')}
            </Button>
          ) : (
            <>
              <Button
                onClick={() => project && void navigate(`/projects/${project.id}`)}
                data-testid="wizard-save-draft"
              >
                {t('wizard.saveDraft')}
              </Button>
              <Button
                type="primary"
                loading={busy}
                onClick={() => void publish()}
                data-testid="wizard-publish"
              >
                {t('wizard.publish')}
              </Button>
            </>
          )}
        </div>
      </Card>
    </PageContainer>
  );
}

function ProjectStep({
  isAgency,
  entrustments,
}: {
  readonly isAgency: boolean;
  readonly entrustments: readonly Entrustment[];
}) {
  const { t } = useLocale();
  return (
    <>
      {isAgency ? (
        <Form.Item
          name="tendererOrganisationId"
          label={t('wizard.entrustingTenderer')}
          extra={entrustments.length ? t('wizard.entrustingTendererHint') : t('wizard.noEntrustment')}
          rules={[{ required: true, message: t('wizard.required') }]}
        >
          <Select
            data-testid="wizard-tenderer"
            options={[
              ...new Map(entrustments.map((e) => [e.tendererOrganisationId, e.tendererName])).entries(),
            ].map(([value, name]) => ({ value, label: name }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item
        name="name"
        label={t('tf.projectName')}
        rules={[{ required: true, whitespace: true, message: t('wizard.nameRequired') }]}
      >
        <Input maxLength={200} data-testid="wizard-name" />
      </Form.Item>
      <Space size="large" wrap>
        <Form.Item name="procedure" label={t('tf.procedure')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'open', label: t('procedure.open') },
              { value: 'invited', label: t('procedure.invited') },
            ]}
          />
        </Form.Item>
        <Form.Item name="qualification" label={t('tf.qualification')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'pre', label: t('qualification.pre') },
              { value: 'post', label: t('qualification.post') },
            ]}
          />
        </Form.Item>
        <Form.Item name="mustTender" label={t('tf.mustTender')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="stateFunded" label={t('tf.stateFunded')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
      <Space size="large" wrap>
        <Form.Item name="region" label={t('tf.region')} tooltip={t('common.optional')}>
          <Input maxLength={100} style={{ width: 280 }} data-testid="wizard-region" />
        </Form.Item>
        <Form.Item name="industry" label={t('tf.industry')} tooltip={t('common.optional')}>
          <Input maxLength={100} style={{ width: 280 }} data-testid="wizard-industry" />
        </Form.Item>
      </Space>
      <SealingTermsFields />
    </>
  );
}

/** The sealing terms (issue 4): cipher suite, the opening-key remedy of 办法 31, the decryption window. */
function SealingTermsFields() {
  const { t } = useLocale();
  return (
    <>
      <Divider titlePlacement="start">{t('terms.title')}</Divider>
      <Form.Item name={['sealing', 'suite']} label={t('seal.suite')} extra={t('terms.suiteHint')}>
        <Select
          style={{ width: 320 }}
          data-testid="wizard-suite"
          options={[
            { value: 'gm', label: t('seal.suite.gm') },
            { value: 'intl', label: t('seal.suite.intl') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name={['sealing', 'openingKeyRemedy']}
        label={t('terms.remedy')}
        extra={t('terms.remedyHint')}
        valuePropName="checked"
      >
        <Switch data-testid="wizard-remedy" />
      </Form.Item>
      <Form.Item
        name={['sealing', 'decryptionWindowMinutes']}
        label={t('terms.window')}
        extra={t('terms.windowHint')}
        rules={[{ required: true, message: t('wizard.required') }]}
      >
        <InputNumber<number>
          min={5}
          max={7 * 24 * 60}
          precision={0}
          style={{ width: 160 }}
          data-testid="wizard-decryption-window"
        />
      </Form.Item>
    </>
  );
}

function SectionsStep({ form }: { readonly form: FormInstance<WizardForm> }) {
  const { t } = useLocale();
  return (
    <Form.List name="sections">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <SectionFields
              key={field.key}
              form={form}
              name={field.name}
              index={index}
              onRemove={fields.length > 1 ? () => remove(field.name) : undefined}
            />
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add(newSection(fields.length + 1))}
            data-testid="wizard-add-section"
          >
            {t('wizard.addSection')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

function SectionFields({
  form,
  name,
  index,
  onRemove,
}: {
  readonly form: FormInstance<WizardForm>;
  readonly name: number;
  readonly index: number;
  readonly onRemove: (() => void) | undefined;
}) {
  const { t } = useLocale();
  const estimated = Form.useWatch(['sections', name, 'estimatedPrice'], form) as number | undefined;
  const bond = Form.useWatch(['sections', name, 'bidBond'], form) as number | undefined;
  const method = Form.useWatch(['sections', name, 'evaluationMethod'], form) as string | undefined;
  const criteria = Form.useWatch(['sections', name, 'criteria'], form) as CriterionForm[] | undefined;
  const limit = bidBondLimit(estimated ?? 0);
  const over = (bond ?? 0) > limit;
  const sum = weightSum((criteria ?? []).map((c) => c?.weight));
  return (
    <Card
      size="small"
      className="zc-section-card"
      title={t('wizard.section', { n: index + 1 })}
      extra={
        onRemove ? (
          <Button size="small" danger icon={<DeleteOutlined />} onClick={onRemove}>
            {t('wizard.removeSection')}
          </Button>
        ) : null
      }
      data-testid={`wizard-section-${index}`}
    >
      <Form.Item
        name={[name, 'name']}
        label={t('tf.sectionName')}
        rules={[{ required: true, whitespace: true, message: t('wizard.nameRequired') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Space wrap size="large" align="start">
        <Form.Item
          name={[name, 'estimatedPrice']}
          label={t('tf.estimatedPrice')}
          rules={[{ required: true, message: t('wizard.amountRequired') }]}
          style={{ width: 220 }}
        >
          <InputNumber<number> {...yuanInput} data-testid={`wizard-estimated-${index}`} />
        </Form.Item>
        <Form.Item
          name={[name, 'controlPrice']}
          label={t('tf.controlPrice')}
          tooltip={t('common.optional')}
          style={{ width: 220 }}
        >
          <InputNumber<number> {...yuanInput} />
        </Form.Item>
        <Form.Item
          name={[name, 'referencePrice']}
          label={t('tf.referencePrice')}
          tooltip={t('wizard.referenceHint')}
          style={{ width: 220 }}
        >
          <InputNumber<number> {...yuanInput} />
        </Form.Item>
        <Form.Item
          name={[name, 'bidBond']}
          label={t('tf.bidBond')}
          style={{ width: 320 }}
          validateStatus={over ? 'error' : undefined}
          help={
            <span data-testid={`wizard-bond-limit-${index}`}>
              {over
                ? t('wizard.bondOver', { limit: formatYuan(limit) })
                : t('wizard.bondLimit', { limit: formatYuan(limit) })}
            </span>
          }
          rules={[{ required: true, message: t('wizard.amountRequired') }]}
        >
          <InputNumber<number> {...yuanInput} data-testid={`wizard-bond-${index}`} />
        </Form.Item>
        <Form.Item
          name={[name, 'bidValidityDays']}
          label={t('tf.bidValidityDays')}
          rules={[{ required: true }]}
          style={{ width: 160 }}
        >
          <InputNumber<number> min={1} max={365} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Space>
      <Form.Item
        name={[name, 'evaluationMethod']}
        label={t('tf.evaluationMethod')}
        rules={[{ required: true }]}
      >
        <Radio.Group
          options={[
            { value: 'comprehensive', label: t('method.comprehensive') },
            { value: 'lowest_price', label: t('method.lowest_price') },
          ]}
        />
      </Form.Item>
      {method === 'comprehensive' ? (
        <Form.Item
          label={t('tf.criteria')}
          validateStatus={sum === 100 ? 'success' : 'error'}
          help={sum === 100 ? t('wizard.weightsOk') : t('wizard.weightsSum', { sum })}
        >
          <Form.List
            name={[name, 'criteria']}
            rules={[
              {
                validator: async (_, value: CriterionForm[] | undefined) => {
                  if (weightSum((value ?? []).map((c) => c?.weight)) !== 100)
                    throw new Error(
                      t('wizard.weightsSum', { sum: weightSum((value ?? []).map((c) => c?.weight)) }),
                    );
                },
              },
            ]}
          >
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item
                      name={[field.name, 'name']}
                      rules={[{ required: true, message: t('wizard.nameRequired') }]}
                    >
                      <Input placeholder={t('tf.criterionName')} maxLength={100} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'weight']}
                      rules={[{ required: true, message: t('wizard.required') }]}
                    >
                      <InputNumber<number> min={0} max={100} placeholder={t('tf.weight')} addonAfter="%" />
                    </Form.Item>
                    <Button
                      size="small"
                      type="text"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('wizard.removeSection')}
                    />
                  </Space>
                ))}
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({ name: '', weight: 0 })}>
                  {t('wizard.addCriterion')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      ) : null}
      <Form.Item
        name={[name, 'readOutItems']}
        label={t('wizard.readOutItems')}
        tooltip={t('wizard.readOutItemsHint')}
        rules={[{ validator: async (_, value: string[] | undefined) => checkReadOutItems(value, t) }]}
      >
        <Select
          mode="tags"
          open={false}
          tokenSeparators={[',', '，', '、']}
          placeholder={t('wizard.readOutItemsPlaceholder')}
          data-testid={`wizard-read-out-items-${index}`}
        />
      </Form.Item>
    </Card>
  );
}

/** The tags as the API takes them: trimmed, blanks dropped; null when the tender requires none. */
function readOutItemsOf(section: SectionForm): string[] | null {
  const names = (section.readOutItems ?? []).map((name) => name.trim()).filter(Boolean);
  return names.length ? names : null;
}

/** The limits of 唱标内容 (project-schemas `readOutItemNames`): at most 20 distinct names of ≤ 50 characters. */
async function checkReadOutItems(value: readonly string[] | undefined, t: Translate): Promise<void> {
  const names = (value ?? []).map((name) => name.trim()).filter(Boolean);
  if (names.length > 20) throw new Error(t('wizard.readOutItemsTooMany'));
  if (names.some((name) => name.length > 50)) throw new Error(t('wizard.readOutItemTooLong'));
}

function MinimumHint({
  minimum,
  mustTender,
}: {
  readonly minimum: ScheduleMinimum | null | undefined;
  readonly mustTender: boolean | undefined;
}) {
  const { t, locale } = useLocale();
  if (!minimum) return null;
  if (!minimum.rules.length) return <span>{mustTender ? null : t('wizard.noMinimum')}</span>;
  return (
    <span data-testid="wizard-minimum-hint">
      {t('wizard.minimumHint', { rules: ruleCitation(minimum.rules, locale) })}
      <CstTime value={minimum.earliest} marker />
    </span>
  );
}

function AnnouncementStep({
  kind,
  qualification,
  procedure,
  minimums,
  mustTender,
}: {
  readonly kind: string;
  readonly qualification: string | undefined;
  readonly procedure: string | undefined;
  readonly minimums: ScheduleMinimums | null;
  readonly mustTender: boolean | undefined;
}) {
  const { t } = useLocale();
  const label = useLabel();
  const issueStart = Form.useWatch('documentIssueStart') as string | undefined;
  const issueStartDate = issueStart ? cstDateOf(issueStart) : null;
  return (
    <>
      <Descriptions
        size="small"
        items={[{ key: 'kind', label: t('tf.announcementKind'), children: label('announcementKind', kind) }]}
      />
      <Form.Item
        name="title"
        label={t('tf.announcementTitle')}
        rules={[{ required: true, whitespace: true, message: t('wizard.required') }]}
      >
        <Input maxLength={300} data-testid="wizard-title" />
      </Form.Item>
      <Form.Item
        name="body"
        label={t('tf.announcementBody')}
        rules={[{ required: true, whitespace: true, message: t('wizard.required') }]}
      >
        <Input.TextArea rows={5} maxLength={100_000} data-testid="wizard-body" />
      </Form.Item>
      <Space wrap size="large" align="start">
        <Form.Item
          name="documentIssueStart"
          label={t('tf.documentIssueStart')}
          extra={t('wizard.issueStartHint')}
          rules={[{ required: true, message: t('wizard.dateRequired') }]}
        >
          <CstDateTimeInput testId="wizard-issue-start" />
        </Form.Item>
        <Form.Item
          name="documentIssueEnd"
          label={t('tf.documentIssueEnd')}
          extra={<MinimumHint minimum={minimums?.documentIssueEnd} mustTender={mustTender} />}
          rules={[{ required: true, message: t('wizard.dateRequired') }]}
        >
          <CstDateTimeInput
            minDate={minimums?.documentIssueEnd.earliestDate ?? issueStartDate}
            testId="wizard-issue-end"
          />
        </Form.Item>
        {qualification === 'pre' ? (
          <Form.Item
            name="prequalificationDeadline"
            label={t('tf.prequalificationDeadline')}
            extra={<MinimumHint minimum={minimums?.prequalificationDeadline} mustTender={mustTender} />}
            rules={[{ required: true, message: t('wizard.dateRequired') }]}
          >
            <CstDateTimeInput
              minDate={minimums?.prequalificationDeadline?.earliestDate ?? issueStartDate}
              testId="wizard-pq-deadline"
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="bidDeadline"
          label={`${t('tf.bidDeadline')} = ${t('tf.openingAt')}`}
          extra={
            <>
              <MinimumHint minimum={minimums?.bidDeadline} mustTender={mustTender} />
              <br />
              {t('wizard.openingEqualsDeadline')}
            </>
          }
          rules={[{ required: true, message: t('wizard.dateRequired') }]}
        >
          <CstDateTimeInput
            minDate={minimums?.bidDeadline.earliestDate ?? issueStartDate}
            testId="wizard-bid-deadline"
          />
        </Form.Item>
      </Space>
      <Form.Item
        name="objectionContact"
        label={t('tf.objectionContact')}
        rules={[{ required: true, whitespace: true, message: t('wizard.required') }]}
      >
        <Input maxLength={500} data-testid="wizard-objection-contact" />
      </Form.Item>
      {procedure === 'invited' ? (
        <Form.Item
          name="invitedOrganisationIds"
          label={t('tf.invited')}
          extra={t('wizard.invitedHint')}
          rules={[{ required: true, message: t('wizard.required') }]}
        >
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} data-testid="wizard-invited" />
        </Form.Item>
      ) : null}
      <Divider />
    </>
  );
}

function Review({
  project,
  openingKey,
}: {
  readonly project: Project;
  readonly openingKey: OpeningKeyView | null;
}) {
  const { t } = useLocale();
  const label = useLabel();
  const a = project.announcement;
  return (
    <div data-testid="wizard-review">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        className="zc-section-card"
        items={[
          { key: 'name', label: t('tf.projectName'), children: project.name },
          {
            key: 'code',
            label: t('tf.dealCode'),
            children: <span className="zc-mono">{project.dealCode}</span>,
          },
          { key: 'tenderer', label: t('tf.tenderer'), children: project.tendererName },
          { key: 'procedure', label: t('tf.procedure'), children: label('procedure', project.procedure) },
          {
            key: 'qualification',
            label: t('tf.qualification'),
            children: label('qualification', project.qualification),
          },
          { key: 'must', label: t('tf.mustTender'), children: yesNo(project.mustTender, t) },
          { key: 'state', label: t('tf.stateFunded'), children: yesNo(project.stateFunded, t) },
          {
            key: 'kind',
            label: t('tf.announcementKind'),
            children: a ? label('announcementKind', a.kind) : '',
          },
          { key: 'title', label: t('tf.announcementTitle'), children: a?.title },
          {
            key: 'start',
            label: t('tf.documentIssueStart'),
            children: <CstTime value={a?.documentIssueStart} marker />,
          },
          {
            key: 'end',
            label: t('tf.documentIssueEnd'),
            children: <CstTime value={a?.documentIssueEnd} marker />,
          },
          ...(a?.prequalificationDeadline
            ? [
                {
                  key: 'pq',
                  label: t('tf.prequalificationDeadline'),
                  children: <CstTime value={a.prequalificationDeadline} marker />,
                },
              ]
            : []),
          {
            key: 'deadline',
            label: t('tf.bidDeadline'),
            children: <CstTime value={a?.bidDeadline} marker />,
          },
          { key: 'opening', label: t('tf.openingAt'), children: <CstTime value={a?.openingAt} marker /> },
          { key: 'suite', label: t('seal.suite'), children: t(`seal.suite.${project.sealing.suite}`) },
          { key: 'remedy', label: t('terms.remedy'), children: yesNo(project.sealing.openingKeyRemedy, t) },
          {
            key: 'window',
            label: t('terms.window'),
            children: project.sealing.decryptionWindowMinutes,
          },
          ...(openingKey
            ? [
                {
                  key: 'openingKey',
                  label: t('okey.title'),
                  children: `${t('okey.kOfN', { k: openingKey.threshold, n: openingKey.holders.length })}: ${openingKey.holders.map((h) => h.holderName).join('、')}`,
                },
              ]
            : []),
        ]}
      />
      <Typography.Title level={5}>
        {t('wizard.review.sections', { count: project.sections.length })}
      </Typography.Title>
      <SectionsTable sections={project.sections} />
    </div>
  );
}
