import { Card, Descriptions, Empty } from 'antd';
import { PageContainer } from '../components/PageContainer.tsx';
import { useT } from '../i18n.ts';
import { useSignedIn } from '../session.tsx';

/** The user's own organisation, as the platform knows it from the sign-in. */
export default function MyOrganisationPage() {
  const t = useT();
  const { user } = useSignedIn();
  const organisation = user.organisation;
  return (
    <PageContainer title={t('myOrg.title')}>
      <Card data-testid="my-organisation">
        {organisation ? (
          <Descriptions
            column={1}
            size="small"
            bordered
            styles={{ label: { width: 200 } }}
            items={[
              { key: 'name', label: t('field.organisationName'), children: organisation.name },
              {
                key: 'creditCode',
                label: t('field.creditCode'),
                children: <span className="zc-mono">{organisation.creditCode}</span>,
              },
              {
                key: 'id',
                label: t('field.id'),
                children: <span className="zc-mono">{organisation.id}</span>,
              },
            ]}
          />
        ) : (
          <Empty description={t('myOrg.none')} />
        )}
      </Card>
    </PageContainer>
  );
}
