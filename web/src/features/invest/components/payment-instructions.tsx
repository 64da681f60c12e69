import { Button, CopyButton, Paper, Stack, Text } from '@mantine/core';
import type { Subscription } from '@essor/shared/bonds';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';

type Instructions = NonNullable<Subscription['paymentInstructions']>;

/** How to pay a reservation: the amount, the reference to write on the transfer, by when, to which account. */
export function PaymentInstructions({ instructions }: { instructions: Instructions }) {
  const { t } = useTranslation('invest');
  const f = useFormat();
  return (
    <Paper withBorder radius="md" p="md" bg="essor.0">
      <Stack gap="xs">
        <Text fw={700}>{t('pay.title')}</Text>
        <div>
          <Text size="xs" c="dimmed">{t('pay.amount')}</Text>
          <Text size="xl" fw={800}>{f.money(instructions.amountMinor, instructions.currency)}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">{t('pay.reference')}</Text>
          <Text size="lg" fw={700} ff="monospace" style={{ letterSpacing: '0.06em', overflowWrap: 'anywhere' }} data-testid="payment-reference">
            {instructions.referenceDisplay}
          </Text>
          <CopyButton value={instructions.reference}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="light" onClick={copy}>{copied ? t('pay.copied') : t('pay.copy')}</Button>
            )}
          </CopyButton>
        </div>
        {instructions.dueBy && (
          <div>
            <Text size="xs" c="dimmed">{t('pay.dueBy')}</Text>
            <Text fw={600}>{f.dateTime(instructions.dueBy)}</Text>
          </div>
        )}
        <div>
          <Text size="xs" c="dimmed">{t('pay.account')}</Text>
          <Text fw={600}>{instructions.trustAccountName}</Text>
          {instructions.trustAccountDetails && <Text size="sm" style={{ whiteSpace: 'pre-line' }}>{instructions.trustAccountDetails}</Text>}
        </div>
        <Text size="xs" c="dimmed">{t('pay.hint')}</Text>
      </Stack>
    </Paper>
  );
}
