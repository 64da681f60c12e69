import { Anchor, Loader } from '@mantine/core';
import type { CurrencyCode } from '@essor/shared/money';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useApplication, useCalls, useCreateApplication, useMoveApplication, useUpdateApplication } from '../api';
import { ApplicationForm, type ApplicationFormValues } from '../components/application-form';
import { ApplyFrame } from '../components/apply-frame';

export function NewApplicationPage() {
  const { t } = useTranslation('applications');
  const { programmeId } = useParams();
  const calls = useCalls();
  const create = useCreateApplication();
  const move = useMoveApplication();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const call = calls.data?.items.find((c) => c.id === programmeId);

  const back = <Anchor component={Link} to="/applications" size="sm">{t('form.backToApplications')}</Anchor>;
  if (calls.isError) return <ApplyFrame size="md">{back}<ErrorState error={calls.error} /></ApplyFrame>;
  if (calls.isLoading) return <ApplyFrame size="md"><Loader aria-label={t('common:app.loading')} /></ApplyFrame>;
  if (!call) return <ApplyFrame size="md">{back}<EmptyState title={t('calls.empty')} /></ApplyFrame>;

  const save = async (values: ApplicationFormValues, submit: boolean) => {
    setError(null);
    try {
      const created = await create.mutateAsync({ ...values, programmeId: call.id });
      if (submit) await move.mutateAsync({ id: created.id, to: 'submitted', from: 'draft' });
      notifySuccess(submit ? t('form.submitted') : t('form.saved'));
      navigate(`/applications/${created.id}`);
    } catch (e) {
      setError(e);
      notifyError(e, t('common:errors.saveFailed'));
    }
  };

  return (
    <ApplyFrame size="md">
      {back}
      <PageHeader title={t('form.titleNew')} description={call.description} />
      <ApplicationForm programmeName={call.name} territory={call.territory} currency={call.currency as CurrencyCode} error={error} saving={create.isPending || move.isPending} onSave={(v, s) => void save(v, s)} />
    </ApplyFrame>
  );
}

export function EditApplicationPage() {
  const { t } = useTranslation('applications');
  const { id } = useParams();
  const application = useApplication(id);
  const update = useUpdateApplication(id ?? '');
  const move = useMoveApplication();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);

  if (application.isError) return <ErrorState error={application.error} />;
  if (!application.data) return <Loader />;
  const app = application.data;

  const save = async (values: ApplicationFormValues, submit: boolean) => {
    setError(null);
    try {
      await update.mutateAsync(values);
      if (submit) await move.mutateAsync({ id: app.id, to: 'submitted', from: 'draft' });
      notifySuccess(submit ? t('form.submitted') : t('form.saved'));
      navigate(`/applications/${app.id}`);
    } catch (e) {
      setError(e);
      notifyError(e, t('common:errors.saveFailed'));
    }
  };

  return (
    <>
      <PageHeader title={t('form.titleEdit')} />
      <ApplicationForm
        programmeName={app.programmeName}
        territory={app.organisation.territory}
        currency={app.project.currency}
        existing={app}
        error={error}
        saving={update.isPending || move.isPending}
        onSave={(v, s) => void save(v, s)}
      />
    </>
  );
}
