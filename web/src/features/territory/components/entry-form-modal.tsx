import { Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { LegalForm } from '@essor/shared/projects';
import type { CreateInventoryEntryInput, InventoryEntry } from '@essor/shared/territory';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { notifySuccess } from '../../../lib/notify';
import { trailLabel, useStructureTree } from '../../../lib/structures';
import { useCreateEntry, useDistricts, useUpdateEntry } from '../api';
import { inventoryOptions } from './labels';

type Form = {
  structureId: string | null;
  name: string;
  legalForm: LegalForm | null;
  sector: string;
  district: string | null;
  registrationNumber: string;
  employees: number | string;
  members: number | string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  address: string;
  website: string;
  latitude: number | string;
  longitude: number | string;
  status: 'active' | 'closed';
};

function formOf(entry?: InventoryEntry): Form {
  return {
    structureId: entry?.structureId ?? null,
    name: entry?.name ?? '',
    legalForm: entry?.legalForm ?? null,
    sector: entry?.sector ?? '',
    district: entry?.district ?? null,
    registrationNumber: entry?.registrationNumber ?? '',
    employees: entry?.employees ?? 0,
    members: entry?.members ?? 0,
    contactName: entry?.contactName ?? '',
    contactEmail: entry?.contactEmail ?? '',
    contactPhone: entry?.contactPhone ?? '',
    address: entry?.address ?? '',
    website: entry?.website ?? '',
    latitude: entry?.latitude ?? '',
    longitude: entry?.longitude ?? '',
    status: entry?.status ?? 'active',
  };
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
const numberOrNull = (value: number | string) => (value === '' ? null : Number(value));

/** Adds an actor by hand, or edits one (`entry`): the API checks the district against the structure's territory. */
export function EntryFormModal({ entry, onClose, onSaved }: { entry?: InventoryEntry; onClose: () => void; onSaved?: (entry: InventoryEntry) => void }) {
  const { t } = useTranslation('territory');
  const [form, setForm] = useState<Form>(() => formOf(entry));
  const create = useCreateEntry();
  const update = useUpdateEntry(entry?.id ?? '');
  const mutation = entry ? update : create;
  const structures = useStructureTree();
  const districts = useDistricts(entry?.structureId ?? form.structureId);
  const options = inventoryOptions(t);
  const set = <K extends keyof Form>(key: K) => (value: Form[K]) => setForm((current) => ({ ...current, [key]: value }));
  const fields = mutation.error instanceof ApiError ? mutation.error.fields : {};
  const err = (name: string) => fields[name]?.join(' ');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const common = {
      name: form.name.trim(),
      sector: form.sector.trim(),
      registrationNumber: orNull(form.registrationNumber),
      employees: Number(form.employees || 0),
      members: Number(form.members || 0),
      contactName: orNull(form.contactName),
      contactEmail: orNull(form.contactEmail),
      contactPhone: orNull(form.contactPhone),
      address: form.address.trim(),
      website: orNull(form.website),
      latitude: numberOrNull(form.latitude),
      longitude: numberOrNull(form.longitude),
      status: form.status,
    };
    const done = (saved: InventoryEntry) => {
      notifySuccess(entry ? t('entry.saved') : t('entry.created'));
      onSaved?.(saved);
      onClose();
    };
    if (entry) update.mutate({ ...common, legalForm: form.legalForm ?? undefined, district: form.district ?? undefined }, { onSuccess: done });
    else create.mutate({ ...common, structureId: form.structureId ?? undefined, legalForm: form.legalForm!, district: form.district ?? '' } as CreateInventoryEntryInput, { onSuccess: done });
  };

  return (
    <Modal opened onClose={onClose} title={entry ? t('entry.editTitle') : t('entry.createTitle')} size="lg">
      <form onSubmit={submit}>
        <Stack gap="sm">
          {!entry && (
            <Select
              label={t('entry.structureId')}
              data={(structures.data ?? []).map((s) => ({ value: s.id, label: trailLabel(s) }))}
              value={form.structureId}
              onChange={set('structureId')}
              error={err('structureId')}
              clearable
            />
          )}
          <TextInput label={t('inventory.name')} required value={form.name} onChange={(e) => set('name')(e.currentTarget.value)} error={err('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('inventory.legalForm')} required data={options.legalForms} value={form.legalForm} onChange={(v) => set('legalForm')(v as LegalForm | null)} error={err('legalForm')} />
            <TextInput label={t('inventory.sector')} required value={form.sector} onChange={(e) => set('sector')(e.currentTarget.value)} error={err('sector')} />
            <Select
              label={t('inventory.district')}
              required
              searchable
              data={[...new Set((districts.data ?? []).map((d) => d.name))].sort((a, b) => a.localeCompare(b))}
              value={form.district}
              onChange={set('district')}
              error={err('district')}
            />
            <TextInput label={t('entry.registrationNumber')} value={form.registrationNumber} onChange={(e) => set('registrationNumber')(e.currentTarget.value)} error={err('registrationNumber')} />
            <NumberInput label={t('inventory.employees')} min={0} allowDecimal={false} value={form.employees} onChange={set('employees')} error={err('employees')} />
            <NumberInput label={t('inventory.members')} min={0} allowDecimal={false} value={form.members} onChange={set('members')} error={err('members')} />
            <TextInput label={t('entry.contactName')} value={form.contactName} onChange={(e) => set('contactName')(e.currentTarget.value)} error={err('contactName')} />
            <TextInput label={t('entry.contactEmail')} type="email" value={form.contactEmail} onChange={(e) => set('contactEmail')(e.currentTarget.value)} error={err('contactEmail')} />
            <TextInput label={t('entry.contactPhone')} value={form.contactPhone} onChange={(e) => set('contactPhone')(e.currentTarget.value)} error={err('contactPhone')} />
            <TextInput label={t('entry.website')} value={form.website} onChange={(e) => set('website')(e.currentTarget.value)} error={err('website')} />
            <NumberInput label={t('entry.latitude')} min={-90} max={90} decimalScale={6} value={form.latitude} onChange={set('latitude')} error={err('latitude')} />
            <NumberInput label={t('entry.longitude')} min={-180} max={180} decimalScale={6} value={form.longitude} onChange={set('longitude')} error={err('longitude')} />
          </SimpleGrid>
          <TextInput label={t('entry.address')} value={form.address} onChange={(e) => set('address')(e.currentTarget.value)} error={err('address')} />
          <Select label={t('inventory.status')} data={options.statuses} value={form.status} onChange={(v) => set('status')((v ?? 'active') as Form['status'])} allowDeselect={false} />
          {mutation.error && <Alert color="red" variant="light" role="alert">{mutation.error instanceof ApiError ? mutation.error.message : String(mutation.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('entry.cancel')}</Button>
            <Button type="submit" loading={mutation.isPending}>{t('entry.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
