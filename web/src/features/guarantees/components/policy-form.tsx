import { Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Policy, PolicyInput } from '@essor/shared/guarantees';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { notifySuccess } from '../../../lib/notify';
import { usePolicy, useSavePolicy } from '../api';
import { fieldErrors, MutationError } from './mutation-error';
import { int, toBps, toPercent } from './percent';
import { PercentInput } from './percent-input';

const RATES = ['performingBps', 'watchBps', 'doubtfulBps', 'lossBps'] as const;
const DAYS = ['watchAfterDays', 'doubtfulAfterDays', 'lossAfterDays'] as const;
/** What a new policy form starts from; the API holds the real one. */
const BLANK: PolicyInput = { leverageCapPct: 500, performingBps: 100, watchBps: 1000, doubtfulBps: 5000, lossBps: 10_000, watchAfterDays: 30, doubtfulAfterDays: 90, lossAfterDays: 180 };

/** The fund's policy: leverage cap, provision rate per risk class, days in arrears per class. */
export function PolicyCard({ fundId, mayEdit }: { fundId: string; mayEdit: boolean }) {
  const { t } = useTranslation('guarantees');
  const policy = usePolicy(fundId);
  // No policy set yet (409; 404 before the API said so): the form starts from suggested values.
  const missing = policy.error instanceof ApiError && (policy.error.status === 409 || policy.error.status === 404);
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">{t('policy.title')}</Title>
      {policy.isPending ? (
        <Text size="sm" c="dimmed">…</Text>
      ) : policy.isError && !missing ? (
        <MutationError error={policy.error} />
      ) : (
        <PolicyForm key={fundId} fundId={fundId} policy={policy.data ?? null} mayEdit={mayEdit} />
      )}
    </Card>
  );
}

function PolicyForm({ fundId, policy, mayEdit }: { fundId: string; policy: Policy | null; mayEdit: boolean }) {
  const { t } = useTranslation('guarantees');
  const save = useSavePolicy(fundId);
  const start = policy ?? BLANK;
  const [leverage, setLeverage] = useState<number | string>(start.leverageCapPct);
  const [rates, setRates] = useState<Record<(typeof RATES)[number], number | string>>({
    performingBps: toPercent(start.performingBps),
    watchBps: toPercent(start.watchBps),
    doubtfulBps: toPercent(start.doubtfulBps),
    lossBps: toPercent(start.lossBps),
  });
  const [days, setDays] = useState<Record<(typeof DAYS)[number], number | string>>({
    watchAfterDays: start.watchAfterDays,
    doubtfulAfterDays: start.doubtfulAfterDays,
    lossAfterDays: start.lossAfterDays,
  });
  const err = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        leverageCapPct: int(leverage),
        performingBps: toBps(rates.performingBps),
        watchBps: toBps(rates.watchBps),
        doubtfulBps: toBps(rates.doubtfulBps),
        lossBps: toBps(rates.lossBps),
        watchAfterDays: int(days.watchAfterDays),
        doubtfulAfterDays: int(days.doubtfulAfterDays),
        lossAfterDays: int(days.lossAfterDays),
      },
      { onSuccess: () => notifySuccess(t('policy.saved')) },
    );
  };
  return (
    <Stack component="form" onSubmit={submit}>
      {!policy && <Text size="sm" c="dimmed">{t('policy.none')}</Text>}
      <NumberInput label={t('policy.leverageCap')} description={t('policy.leverageHint')} disabled={!mayEdit} min={1} max={10_000} allowDecimal={false} suffix=" %" value={leverage} onChange={setLeverage} error={err('leverageCapPct')} maw={280} />
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {RATES.map((name) => (
          <PercentInput key={name} label={t(`policy.${name}`)} disabled={!mayEdit} value={rates[name]} onChange={(v) => setRates((r) => ({ ...r, [name]: v }))} error={err(name)} />
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 2, sm: 3 }}>
        {DAYS.map((name) => (
          <NumberInput key={name} label={t(`policy.${name}`)} disabled={!mayEdit} min={1} max={3650} allowDecimal={false} value={days[name]} onChange={(v) => setDays((d) => ({ ...d, [name]: v }))} error={err(name)} />
        ))}
      </SimpleGrid>
      <MutationError error={save.error} />
      {mayEdit && <Group justify="flex-end"><Button type="submit" loading={save.isPending}>{t('policy.save')}</Button></Group>}
    </Stack>
  );
}
