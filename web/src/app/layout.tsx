import { AppShell, Avatar, Box, Burger, Group, Menu, NavLink, ScrollArea, Stack, Text, UnstyledButton, useMantineTheme } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconBell, IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import 'dayjs/locale/fr';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { BrandMark } from '../components/brand-mark';
import { LanguageSwitch } from '../components/language-switch';
import { useLogout } from '../features/auth/api';
import { NotificationBell } from '../features/notifications/components/notification-bell';
import { useMe } from '../lib/session';
import { NAV_ITEMS, NAV_SECTIONS } from './nav';

// Fetched when the person asks to change their password: the modal, its form and its strings stay out of every page.
// Only people with memberships see the switcher: its select (and the structures' strings) come with it.
const StructureSwitcher = lazy(async () => ({ default: (await import('../features/structures/components/structure-switcher')).StructureSwitcher }));
const ChangePasswordModal = lazy(async () => ({ default: (await import('../features/auth/components/change-password-modal')).ChangePasswordModal }));

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const [passwordOpened, passwordModal] = useDisclosure();
  const { data: me } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const roles = me?.user.roles ?? [];
  const visible = NAV_ITEMS.filter((item) => item.roles === 'all' || item.roles.some((role) => roles.includes(role)));
  // The entry whose path is the longest prefix of the page is the one lit (so /funds/inbox lights only the inbox).
  const matches = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname === to || location.pathname.startsWith(`${to}/`));
  const activeTo = visible.filter((item) => matches(item.to)).sort((a, b) => b.to.length - a.to.length)[0]?.to;
  // People with a staff-side role pick the structure they work in: in the header from `sm` up, under the burger on a phone.
  const withSwitcher = (me?.user.memberships.length ?? 0) > 0;
  const theme = useMantineTheme();
  const wide = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, undefined, { getInitialValueInEffect: false });
  const initials = (me?.user.name ?? '?').split(/\s+/).map((part) => part[0]).slice(0, 2).join('').toUpperCase();

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      {passwordOpened && (
        <Suspense fallback={null}>
          <ChangePasswordModal opened onClose={passwordModal.close} />
        </Suspense>
      )}
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.menu')} />
            <BrandMark subtitle={t('app.subtitle')} />
          </Group>
          <Group gap="md" wrap="nowrap">
            {withSwitcher && wide && <Box visibleFrom="sm"><Suspense fallback={null}><StructureSwitcher /></Suspense></Box>}
            <LanguageSwitch />
            <NotificationBell />
            <Menu position="bottom-end" width={240}>
              <Menu.Target>
                <UnstyledButton aria-label={t('app.account')}>
                  <Group gap={8}>
                    <Avatar color="essor" radius="xl" size={32}>{initials}</Avatar>
                    <Stack gap={0} visibleFrom="sm">
                      <Text size="sm" fw={600} lh={1.2}>{me?.user.name}</Text>
                      <Text size="xs" c="dimmed" lh={1.2}>{roles.map((role) => t(`roles.${role}`)).join(', ')}</Text>
                    </Stack>
                    <IconChevronDown size={14} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me?.user.email}</Menu.Label>
                <Menu.Item leftSection={<IconBell size={16} />} onClick={() => navigate('/account/notifications')}>
                  {t('app.notificationSettings')}
                </Menu.Item>
                <Menu.Item leftSection={<IconKey size={16} />} onClick={passwordModal.open}>
                  {t('app.changePassword')}
                </Menu.Item>
                <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login') })}>
                  {t('app.logout')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('app.navigation')}>
        {withSwitcher && !wide && <Box hiddenFrom="sm" mb="md"><Suspense fallback={null}><StructureSwitcher onSwitched={close} /></Suspense></Box>}
        <ScrollArea>
          {NAV_SECTIONS.map((section) => {
            const items = visible.filter((item) => item.section === section);
            if (!items.length) return null;
            return (
              <Stack key={section} gap={2} mb="md">
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>{t(`nav.sections.${section}`)}</Text>
                {items.map((item) => (
                  <NavLink
                    key={item.to}
                    component={RouterNavLink}
                    to={item.to}
                    end
                    label={t(item.labelKey)}
                    leftSection={<item.icon size={18} stroke={1.6} />}
                    active={item.to === activeTo}
                    onClick={close}
                    style={{ borderRadius: 8 }}
                  />
                ))}
              </Stack>
            );
          })}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        {/* Date pickers (signed-in pages only) speak the person's language; a public page loads no dates library. */}
        <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>
          <Suspense fallback={null}>
            <Outlet />
          </Suspense>
        </DatesProvider>
      </AppShell.Main>
    </AppShell>
  );
}
