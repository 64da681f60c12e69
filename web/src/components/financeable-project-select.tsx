import type { FinanceableProject } from '@essor/shared/funds';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiRequest, toQuery } from '../lib/api-client';

const optionLabel = (p: FinanceableProject) => `${p.title} — ${p.organisationName}`;

interface FinanceableProjectSelectProps {
  label: string;
  /** The fund's currency: only projects budgeted in it are offered. */
  currency?: string;
  value: string | null;
  onChange: (id: string | null, project: FinanceableProject | null) => void;
  error?: string;
}

/** Projects a financing may go to (selected ones), searched by title or organisation on the API. */
function useFinanceableProjectSearch(params: { q?: string; currency?: string }) {
  return useQuery({
    queryKey: ['financeable-projects', params],
    queryFn: ({ signal }) => apiRequest<FinanceableProject[]>(`/api/funds/projects${toQuery(params)}`, { signal }),
    // Keep the last options on screen while the next search loads.
    placeholderData: keepPreviousData,
  });
}

/**
 * The money forms' project picker (co-financing, loans, equipment, bond issuers, guarantees): the API
 * searches as the person types (title or organisation), so any selected project is reachable however many
 * there are; the chosen one stays on offer.
 */
export function FinanceableProjectSelect({ label, currency, value, onChange, error }: FinanceableProjectSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<FinanceableProject | null>(null);
  // Once a project is picked the box shows its label: that is not a search.
  const typed = chosen && search === optionLabel(chosen) ? '' : search.trim();
  const [q] = useDebouncedValue(typed, 300);
  const projects = useFinanceableProjectSearch({ q: q || undefined, currency });
  const found = projects.data ?? [];
  const keepChosen = chosen && chosen.id === value && (!currency || chosen.currency === currency) && !found.some((p) => p.id === chosen.id);
  const options = keepChosen ? [chosen, ...found] : found;
  return (
    <Select
      label={label}
      required
      searchable
      placeholder={t('projectPicker.placeholder')}
      nothingFoundMessage={projects.isFetching || q !== typed ? t('projectPicker.searching') : t('projectPicker.none')}
      data={options.map((p) => ({ value: p.id, label: optionLabel(p) }))}
      value={value}
      onChange={(id) => {
        const project = options.find((p) => p.id === id) ?? null;
        setChosen(project);
        onChange(id, project);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      error={error}
    />
  );
}
