import { Box, Center, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../../components/brand-mark';
import { LanguageSwitch } from '../../../components/language-switch';

/** The public pages' frame: brand, language switch, a card in the middle. */
export function AuthFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" style={{ background: 'linear-gradient(160deg, var(--mantine-color-essor-0) 0%, #fff 55%, var(--mantine-color-sand-0) 100%)' }}>
      <Group justify="space-between" p="md" wrap="wrap">
        <BrandMark />
        <LanguageSwitch />
      </Group>
      <Center py={48} px="md">
        {/* A full-width column capped at the card's width, so the card shrinks to a phone's screen. */}
        <Stack align="stretch" gap="lg" w="100%" maw={460}>
          {children}
          <Text size="xs" c="dimmed" ta="center">{t('app.tagline')}</Text>
        </Stack>
      </Center>
    </Box>
  );
}
