import { INVENTORY_SOURCES, INVENTORY_STATUSES, SIZE_BANDS } from '@essor/shared/territory';
import { LEGAL_FORMS } from '@essor/shared/projects';
import type { TFunction } from 'i18next';

/** The options of the inventory's filters and forms, in the person's language. */
export function inventoryOptions(t: TFunction<'territory'>) {
  return {
    legalForms: LEGAL_FORMS.map((value) => ({ value, label: t(`legalForms.${value}`) })),
    sizeBands: SIZE_BANDS.map((value) => ({ value, label: t(`sizeBands.${value}`) })),
    statuses: INVENTORY_STATUSES.map((value) => ({ value, label: t(`statuses.${value}`) })),
    sources: INVENTORY_SOURCES.map((value) => ({ value, label: t(`sources.${value}`) })),
  };
}
