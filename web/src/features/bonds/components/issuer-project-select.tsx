import type { FinanceableProject } from '@essor/shared/funds';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIssuerProjects } from '../api';

const optionLabel = (p: FinanceableProject) => `${p.title} — ${p.organisationName}`;

/** The issuer picker: the API searches projects of the pipeline as the person types; the chosen one stays on offer. */
export function IssuerProjectSelect({ value, onChange, error }: { value: string | null; onChange: (id: string | null) => void; error?: string }) {
  const { t } = useTranslation('bonds');
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<FinanceableProject | null>(null);
  const typed = chosen && search === optionLabel(chosen) ? '' : search.trim();
  const [q] = useDebouncedValue(typed, 300);
  const projects = useIssuerProjects({ q: q || undefined });
  const found = projects.data ?? [];
  const options = chosen && chosen.id === value && !found.some((p) => p.id === chosen.id) ? [chosen, ...found] : found;
  return (
    <Select
      label={t('form.issuer')}
      required
      searchable
      placeholder={t('form.issuerPlaceholder')}
      nothingFoundMessage={projects.isFetching || q !== typed ? t('form.searching') : t('form.noIssuer')}
      data={options.map((p) => ({ value: p.id, label: optionLabel(p) }))}
      value={value}
      onChange={(id) => {
        setChosen(options.find((p) => p.id === id) ?? null);
        onChange(id);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      error={error}
    />
  );
}
