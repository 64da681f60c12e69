import { Anchor, Box, Container, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BrandMark } from '../../../components/brand-mark';
import { LanguageSwitch } from '../../../components/language-switch';
import { useMe } from '../../../lib/session';

/**
 * The frame of the investment pages: light enough for a phone (no admin shell), the way back to the
 * offerings and to my bonds, the language switch.
 */
export function InvestFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation('invest');
  const { data: me } = useMe();
  const investor = me?.user.roles.includes('investor');
  return (
    <Box mih="100vh" style={{ background: 'linear-gradient(160deg, var(--mantine-color-essor-0) 0%, #fff 45%)' }}>
      <Box component="header" px="md" py="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Anchor component={Link} to="/invest" underline="never" c="inherit" aria-label={t('frame.offerings')}>
            <BrandMark />
          </Anchor>
          <Group gap="sm" wrap="wrap">
            <Anchor component={Link} to="/invest" size="sm">{t('frame.offerings')}</Anchor>
            {investor && <Anchor component={Link} to="/my/bonds" size="sm">{t('frame.myBonds')}</Anchor>}
            {me ? (
              <Anchor component={Link} to="/" size="sm">{t('frame.mySpace')}</Anchor>
            ) : (
              <Anchor component={Link} to="/login?next=%2Fmy%2Fbonds" size="sm">{t('frame.signIn')}</Anchor>
            )}
            <LanguageSwitch />
          </Group>
        </Group>
      </Box>
      <Container component="main" size="md" px="md" pb="xl">
        {children}
      </Container>
    </Box>
  );
}
