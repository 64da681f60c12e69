import { Alert, Button, Checkbox, Group, NumberInput, Paper, Skeleton, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { InvestorProfile, PublicOffering, Subscription } from '@essor/shared/bonds';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, newIdempotencyKey } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { useMe } from '../../../lib/session';
import { useMyProfiles, useRegisterInvestor, useSubscribe } from '../api';
import { PaymentInstructions } from './payment-instructions';

function fieldError(error: unknown, name: string): string | undefined {
  return error instanceof ApiError ? error.fields[name]?.join(' ') : undefined;
}

function formError(error: unknown): string | null {
  if (!error) return null;
  if (error instanceof ApiError) return Object.keys(error.fields).length ? null : error.message;
  return String(error);
}

/** Step one: who invests (adults only), and their consent to the terms and to the risk statement. */
function InvestorDetails({ offering, profile, onDone }: { offering: PublicOffering; profile: InvestorProfile | undefined; onDone: () => void }) {
  const { t } = useTranslation('invest');
  const register = useRegisterInvestor();
  const [form, setForm] = useState({ fullName: profile?.fullName ?? '', address: profile?.address ?? '', bornOn: profile?.bornOn ?? '', acceptTerms: false, acceptRisk: false });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate({ offeringId: offering.id, fullName: form.fullName, address: form.address, bornOn: form.bornOn, acceptTerms: form.acceptTerms as true, acceptRisk: form.acceptRisk as true }, { onSuccess: onDone });
  };
  const error = formError(register.error);
  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      <Title order={3} size="h4">{t('subscribe.detailsTitle')}</Title>
      <Text size="sm" c="dimmed">{t('subscribe.detailsHint')}</Text>
      {error && <Alert color="red" variant="light" role="alert">{error}</Alert>}
      <TextInput label={t('subscribe.fullName')} required autoComplete="name" value={form.fullName} error={fieldError(register.error, 'fullName')} onChange={(e) => setForm({ ...form, fullName: e.currentTarget.value })} />
      <Textarea label={t('subscribe.address')} required autoComplete="street-address" rows={2} value={form.address} error={fieldError(register.error, 'address')} onChange={(e) => setForm({ ...form, address: e.currentTarget.value })} />
      <TextInput label={t('subscribe.bornOn')} description={t('subscribe.adultsOnly')} type="date" required autoComplete="bday" value={form.bornOn} error={fieldError(register.error, 'bornOn')} onChange={(e) => setForm({ ...form, bornOn: e.currentTarget.value })} />
      <Checkbox label={t('subscribe.acceptTerms')} checked={form.acceptTerms} required error={fieldError(register.error, 'acceptTerms')} onChange={(e) => setForm({ ...form, acceptTerms: e.currentTarget.checked })} />
      <Checkbox label={t('subscribe.acceptRisk')} checked={form.acceptRisk} required error={fieldError(register.error, 'acceptRisk')} onChange={(e) => setForm({ ...form, acceptRisk: e.currentTarget.checked })} />
      <Button type="submit" loading={register.isPending} disabled={!form.acceptTerms || !form.acceptRisk}>{t('subscribe.continue')}</Button>
    </Stack>
  );
}

/** Step two: how many units, what they cost, and the confirmation that reserves them. */
function ChooseUnits({ offering, onDone, onBack }: { offering: PublicOffering; onDone: (subscription: Subscription) => void; onBack: () => void }) {
  const { t } = useTranslation('invest');
  const f = useFormat();
  const subscribe = useSubscribe(offering.id);
  const [units, setUnits] = useState<number>(offering.minUnitsPerPerson);
  // One key per decision to subscribe: a retry after a lost answer does not reserve twice.
  const [key, setKey] = useState(newIdempotencyKey);
  const confirm = () => {
    subscribe.mutate({ units, key }, { onSuccess: (subscription) => { setKey(newIdempotencyKey()); onDone(subscription); } });
  };
  const error = formError(subscribe.error);
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">{t('subscribe.unitsTitle')}</Title>
      {error && <Alert color="red" variant="light" role="alert">{error}</Alert>}
      <NumberInput
        label={t('subscribe.units')}
        description={t('subscribe.unitsHint', { min: offering.minUnitsPerPerson, max: offering.maxUnitsPerPerson, price: f.money(offering.unitPriceMinor, offering.currency) })}
        min={offering.minUnitsPerPerson}
        max={offering.maxUnitsPerPerson}
        allowDecimal={false}
        allowNegative={false}
        value={units}
        error={fieldError(subscribe.error, 'units')}
        onChange={(value) => { setUnits(typeof value === 'number' ? value : Number(value) || 0); setKey(newIdempotencyKey()); }}
      />
      <Paper withBorder p="sm" radius="md">
        <Group justify="space-between">
          <Text size="sm">{t('subscribe.total')}</Text>
          <Text fw={800} size="lg">{f.money(units * offering.unitPriceMinor, offering.currency)}</Text>
        </Group>
      </Paper>
      {offering.remainingUnits < units && <Alert variant="light" color="yellow">{t('subscribe.willWait')}</Alert>}
      <Group grow>
        <Button variant="default" onClick={onBack}>{t('subscribe.back')}</Button>
        <Button onClick={confirm} loading={subscribe.isPending} disabled={units < 1}>{t('subscribe.confirm')}</Button>
      </Group>
    </Stack>
  );
}

function Done({ subscription }: { subscription: Subscription }) {
  const { t } = useTranslation('invest');
  return (
    <Stack gap="sm">
      {subscription.status === 'waitlisted' ? (
        <Alert variant="light" color="yellow" title={t('subscribe.waitlistedTitle')}>{t('subscribe.waitlistedText', { units: subscription.units })}</Alert>
      ) : (
        <Alert variant="light" color="essor" title={t('subscribe.reservedTitle')}>{t('subscribe.reservedText', { units: subscription.units })}</Alert>
      )}
      {subscription.paymentInstructions && <PaymentInstructions instructions={subscription.paymentInstructions} />}
      <Button component={Link} to="/my/bonds" variant="light">{t('subscribe.toMyBonds')}</Button>
    </Stack>
  );
}

/** Subscribing on an offering's page: sign up or in first, then details and consents, units, confirmation. */
export function SubscribePanel({ offering }: { offering: PublicOffering }) {
  const { t } = useTranslation('invest');
  const me = useMe();
  const investor = Boolean(me.data?.user.roles.includes('investor'));
  const profiles = useMyProfiles(investor);
  const [step, setStep] = useState<'details' | 'units'>('details');
  const [done, setDone] = useState<Subscription | null>(null);
  const here = encodeURIComponent(`/invest/${offering.id}`);

  let body;
  if (offering.status !== 'open') body = <Alert variant="light" color="gray">{t('subscribe.notOpen')}</Alert>;
  else if (me.isPending || (investor && profiles.isPending)) body = <Skeleton height={120} radius="md" />;
  else if (!me.data) {
    body = (
      <Stack gap="sm">
        <Text size="sm">{t('subscribe.signInFirst')}</Text>
        <Button component={Link} to={`/register?next=${here}`}>{t('subscribe.register')}</Button>
        <Button component={Link} to={`/login?next=${here}`} variant="default">{t('subscribe.signIn')}</Button>
      </Stack>
    );
  } else if (!investor) body = <Alert variant="light" color="yellow">{t('subscribe.notInvestor')}</Alert>;
  else if (done) body = <Done subscription={done} />;
  else if (step === 'details') body = <InvestorDetails offering={offering} profile={profiles.data?.[0]} onDone={() => setStep('units')} />;
  else body = <ChooseUnits offering={offering} onBack={() => setStep('details')} onDone={setDone} />;

  return (
    <Paper withBorder radius="md" p="md" shadow="xs" id="subscribe">
      <Stack gap="sm">
        <Title order={2} size="h3">{t('subscribe.title')}</Title>
        {body}
      </Stack>
    </Paper>
  );
}
