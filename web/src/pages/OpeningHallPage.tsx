import { App, Card, Col, Result, Row, Spin } from 'antd';
import { useCallback, useEffect, useReducer, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api.ts';
import { BidDecryptionPanel } from '../components/BidDecryptionPanel.tsx';
import { PageContainer } from '../components/PageContainer.tsx';
import { useHallApi } from '../components/opening-hall/hall-api.ts';
import {
  BidsTable,
  ConnectionIndicator,
  EventList,
  ExceptionNotices,
  HallOverview,
  HostActions,
  RecordCard,
} from '../components/opening-hall/HallPanels.tsx';
import { type HallEvent, hallReducer, needsSnapshot } from '../components/opening-hall/hall-reducer.ts';
import { useHallStream } from '../components/opening-hall/use-hall-stream.ts';
import { useT } from '../i18n.ts';
import { useSignedIn } from '../session.tsx';
import { useShowError } from '../use-show-error.ts';

/**
 * 不见面开标大厅: the snapshot of the hall, kept live by its event stream (read with fetch, resumed
 * with Last-Event-ID after a drop). Bidders sign in, decrypt their own bids and confirm or object to
 * the record; the tenderer's side opens, ends decryption, reads out, answers, terminates or fails.
 */
export default function OpeningHallPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { platform, user } = useSignedIn();
  const api = useHallApi();
  const showError = useShowError();
  const [view, dispatch] = useReducer(hallReducer, null);
  const [missing, setMissing] = useState(false);
  const [signingIn, setSigningIn] = useState(false);

  const load = useCallback(() => {
    api
      .get(id)
      .then((hall) => dispatch({ kind: 'snapshot', hall }))
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) setMissing(true);
        else showError(error);
      });
  }, [api, id, showError]);
  useEffect(load, [load]);

  const onEvent = useCallback(
    (event: HallEvent) => {
      dispatch({ kind: 'event', event });
      if (needsSnapshot(event.type)) load();
    },
    [load],
  );
  const connection = useHallStream(platform, id, api.token, onEvent);

  async function signIn() {
    setSigningIn(true);
    try {
      await api.signIn(id);
      void message.success(t('hall.signInOk'));
      load();
    } catch (error) {
      showError(error);
    } finally {
      setSigningIn(false);
    }
  }

  if (missing) {
    return (
      <PageContainer title={t('hall.title')}>
        <Result status="404" title={t('error.notFound.title')} />
      </PageContainer>
    );
  }
  if (!view) return <Spin />;
  const { hall } = view;
  const ownName = user.organisation?.name ?? null;
  const back = hall.you.host ? `/projects/${hall.projectId}` : `/tenders/${hall.projectId}`;

  return (
    <PageContainer
      title={
        <span data-testid="hall-title">
          {t('hall.title')} · {hall.projectName}
        </span>
      }
      extra={
        <>
          <ConnectionIndicator connection={connection} />
          <Link to={back}>{t('common.back')}</Link>
        </>
      }
    >
      <ExceptionNotices hall={hall} />
      <HallOverview hall={hall} ownName={ownName} onSignIn={() => void signIn()} signingIn={signingIn} />
      {hall.you.host ? (
        <HostActions
          hall={hall}
          api={api}
          onChanged={load}
          onRetendered={(projectId) => void navigate(`/projects/${projectId}`)}
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          {!hall.you.host && hall.stage === 'opened' ? (
            <Card title={t('hall.decrypt')} className="zc-section-card">
              <BidDecryptionPanel projectId={hall.projectId} />
            </Card>
          ) : null}
          <Card title={hall.readOutAt ? t('hall.readOut') : t('hall.bids')} className="zc-section-card">
            <BidsTable hall={hall} />
          </Card>
          <RecordCard hall={hall} ownName={ownName} api={api} onChanged={load} />
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('hall.events')} className="zc-section-card">
            <EventList events={view.events} />
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
