import { COACH_LANGUAGES, COACH_PROFESSIONS, SUPPORT_TYPES, type Coach } from '@essor/shared/coaching';
import { CURRENCY_EXPONENTS, parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { Alert, Button, Chip, Group, Modal, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { notifySuccess } from '../../../lib/notify';
import { useCreateCoach, useUpdateCoach } from '../api';

function minorToText(minor: number | null, currency: CurrencyCode): string {
  if (minor === null) return '';
  const exponent = CURRENCY_EXPONENTS[currency];
  const digits = String(minor).padStart(exponent + 1, '0');
  return exponent ? `${digits.slice(0, -exponent)},${digits.slice(-exponent)}` : digits;
}

export function CoachModal({ opened, coach, onClose }: { opened: boolean; coach: Coach | null; onClose: () => void }) {
  const { t } = useTranslation('coaching');
  const create = useCreateCoach();
  const update = useUpdateCoach();
  const [kind, setKind] = useState<'staff' | 'external'>('external');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [firm, setFirm] = useState('');
  const [profession, setProfession] = useState<string>('lawyer');
  const [specialties, setSpecialties] = useState<string[]>([]);
  const [languages, setLanguages] = useState<string[]>(['fr']);
  const [currency, setCurrency] = useState<CurrencyCode>('CAD');
  const [rate, setRate] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!opened) return;
    setError(null);
    setKind(coach?.kind ?? 'external');
    setName(coach?.name ?? '');
    setEmail(coach?.email ?? '');
    setFirm(coach?.firm ?? '');
    setProfession(coach?.profession ?? 'lawyer');
    setSpecialties(coach?.specialties ?? []);
    setLanguages(coach?.languages ?? ['fr']);
    setCurrency(coach?.currency ?? 'CAD');
    setRate(coach ? minorToText(coach.hourlyRateMinor, coach.currency ?? 'CAD') : '');
  }, [opened, coach]);

  async function submit() {
    const hourlyRateMinor = kind === 'external' ? parseMoneyInput(rate, currency) : null;
    if (kind === 'external' && hourlyRateMinor === null) {
      setError(t('coaches.rateInvalid'));
      return;
    }
    const fields = {
      name,
      email: email || null,
      firm: firm || null,
      profession: profession as Coach['profession'],
      specialties: specialties as Coach['specialties'],
      languages: languages as Coach['languages'],
      hourlyRateMinor,
      currency: kind === 'external' ? currency : null,
    };
    try {
      if (coach) await update.mutateAsync({ id: coach.id, ...fields });
      else await create.mutateAsync({ kind, ...fields });
      notifySuccess(t('coaches.saved'));
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common:errors.network'));
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={coach ? coach.name : t('coaches.new')} size="lg">
      <Stack>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        {!coach && (
          <SegmentedControl value={kind} onChange={(v) => setKind(v as 'staff' | 'external')} data={[{ value: 'external', label: t('coaches.kinds.external') }, { value: 'staff', label: t('coaches.kinds.staff') }]} />
        )}
        <SimpleGrid cols={2}>
          <TextInput label={t('coaches.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
          <NativeSelect label={t('coaches.profession')} value={profession} onChange={(e) => setProfession(e.currentTarget.value)} data={COACH_PROFESSIONS.map((p) => ({ value: p, label: t(`professions.${p}`) }))} />
          <TextInput label={t('coaches.email')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          <TextInput label={t('coaches.firm')} value={firm} onChange={(e) => setFirm(e.currentTarget.value)} />
        </SimpleGrid>
        <Text size="sm" fw={500}>{t('coaches.specialties')}</Text>
        <Chip.Group multiple value={specialties} onChange={setSpecialties}>
          <Group gap="xs">{SUPPORT_TYPES.map((s) => <Chip key={s} value={s} size="sm">{t(`supportTypes.${s}`)}</Chip>)}</Group>
        </Chip.Group>
        <Text size="sm" fw={500}>{t('coaches.languages')}</Text>
        <Chip.Group multiple value={languages} onChange={setLanguages}>
          <Group gap="xs">{COACH_LANGUAGES.map((l) => <Chip key={l} value={l} size="sm">{t(`languages.${l}`)}</Chip>)}</Group>
        </Chip.Group>
        {kind === 'external' && (
          <Group grow>
            <TextInput label={t('coaches.rate')} value={rate} onChange={(e) => setRate(e.currentTarget.value)} placeholder="120,00" />
            <NativeSelect label={t('coaches.currency')} value={currency} onChange={(e) => setCurrency(e.currentTarget.value as CurrencyCode)} data={Object.keys(CURRENCY_EXPONENTS)} />
          </Group>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button onClick={submit} loading={create.isPending || update.isPending}>{t('common:actions.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
