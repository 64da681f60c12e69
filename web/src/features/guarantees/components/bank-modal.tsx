import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../lib/notify';
import { useCreateBank } from '../api';
import { fieldErrors, MutationError } from './mutation-error';

/** A partner bank whose loans the fund may guarantee. */
export function BankModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('guarantees');
  const create = useCreateBank();
  const [name, setName] = useState('');
  const [contactName, setContactName] = useState('');
  const [contactEmail, setContactEmail] = useState('');
  const err = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, contactName, contactEmail }, { onSuccess: () => { notifySuccess(t('banks.added')); onClose(); } });
  };
  return (
    <Modal opened onClose={onClose} title={t('banks.add')}>
      <Stack component="form" onSubmit={submit}>
        <TextInput label={t('banks.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={err('name')} />
        <TextInput label={t('banks.contactName')} value={contactName} onChange={(e) => setContactName(e.currentTarget.value)} error={err('contactName')} />
        <TextInput type="email" label={t('banks.contactEmail')} value={contactEmail} onChange={(e) => setContactEmail(e.currentTarget.value)} error={err('contactEmail')} />
        <MutationError error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('actions.cancelForm')}</Button>
          <Button type="submit" loading={create.isPending}>{t('actions.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
