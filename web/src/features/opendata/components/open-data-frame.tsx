import { Anchor, Box, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BrandMark } from '../../../components/brand-mark';
import { LanguageSwitch } from '../../../components/language-switch';

/** The frame of the open data pages: no admin shell, light on a phone; the licence at the foot of every page. */
export function OpenDataFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation('openData');
  return (
    <Box mih="100vh" style={{ background: 'linear-gradient(160deg, var(--mantine-color-essor-0) 0%, #fff 45%)' }}>
      <Box component="header" px="md" py="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Anchor component={Link} to="/open-data" underline="never" c="inherit" aria-label={t('frame.home')}>
            <BrandMark />
          </Anchor>
          <Group gap="sm" wrap="wrap">
            <Anchor component={Link} to="/open-data" size="sm">{t('frame.home')}</Anchor>
            <LanguageSwitch />
          </Group>
        </Group>
      </Box>
      <Container component="main" size="md" px="md" pb="xl">
        {children}
      </Container>
      <Box component="footer" px="md" pb="md">
        <Text size="xs" c="dimmed" ta="center">{t('frame.footer')}</Text>
      </Box>
    </Box>
  );
}
