import { Box, Container, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { BrandMark } from '../../../components/brand-mark';
import { LanguageSwitch } from '../../../components/language-switch';

/**
 * The light frame of the visitor's and the applicant's pages (the open calls, the application form): the brand and
 * the language, no admin navigation, light on a phone.
 */
export function ApplyFrame({ children, size = 'lg' }: { children: ReactNode; size?: 'md' | 'lg' }) {
  return (
    <Box mih="100vh" style={{ background: 'linear-gradient(160deg, var(--mantine-color-essor-0) 0%, #fff 55%)' }}>
      <Group justify="space-between" p="md">
        <BrandMark />
        <LanguageSwitch />
      </Group>
      <Container size={size} py="lg">
        {children}
      </Container>
    </Box>
  );
}
