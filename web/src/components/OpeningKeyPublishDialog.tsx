import { App, Button, Modal } from 'antd';
import { useState } from 'react';
import type { OpeningKeyView, Project } from '../api-types.ts';
import { useT } from '../i18n.ts';
import { useSignedIn } from '../session.tsx';
import { OpeningKeyPanel } from './OpeningKeyPanel.tsx';
import { RefusalAlert } from './TradingBits.tsx';

/**
 * The project page's publish action for a draft: the opening key first (publication requires it),
 * then the notice. A refusal is shown in the dialog, as the wizard shows it.
 */
export function OpeningKeyPublishDialog({
  project,
  onPublished,
}: {
  readonly project: Project;
  readonly onPublished: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const { api } = useSignedIn();
  const [open, setOpen] = useState(false);
  const [openingKey, setOpeningKey] = useState<OpeningKeyView | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);

  async function publish() {
    setRefusal(null);
    setBusy(true);
    try {
      await api.publishProject(project.id);
      void message.success(t('wizard.published'));
      setOpen(false);
      onPublished();
    } catch (error) {
      setRefusal(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="project-publish">
        {t('okey.publish')}
      </Button>
      <Modal
        open={open}
        title={t('okey.title')}
        width={820}
        destroyOnHidden
        onCancel={() => setOpen(false)}
        footer={
          <Button
            type="primary"
            loading={busy}
            disabled={!openingKey}
            onClick={() => void publish()}
            data-testid="project-publish-confirm"
          >
            {t('okey.publishNow')}
          </Button>
        }
      >
        <RefusalAlert error={refusal} title={t('wizard.refused')} testId="project-publish-refusal" />
        <OpeningKeyPanel
          projectId={project.id}
          suite={project.sealing.suite}
          fileStem={project.dealCode}
          recorded={openingKey}
          onRecorded={setOpeningKey}
        />
      </Modal>
    </>
  );
}
