import { Checkbox, SimpleGrid } from '@mantine/core';
import { ROLES, type Role } from '@essor/shared/roles';
import { useTranslation } from 'react-i18next';

export function RolePicker({ value, onChange, error }: { value: Role[]; onChange: (roles: Role[]) => void; error?: string }) {
  const { t } = useTranslation('users');
  return (
    <Checkbox.Group label={t('fields.roles')} value={value} onChange={(roles) => onChange(roles as Role[])} error={error} withAsterisk>
      <SimpleGrid cols={2} mt="xs" spacing="xs">
        {ROLES.map((role) => <Checkbox key={role} value={role} label={t(`common:roles.${role}`)} />)}
      </SimpleGrid>
    </Checkbox.Group>
  );
}
