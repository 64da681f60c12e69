import { NOTIFICATION_KINDS } from '@essor/shared/notifications';
import { expect, it } from 'vitest';
import en from '../../web/src/features/notifications/locales/en.json';
import fr from '../../web/src/features/notifications/locales/fr.json';

it('names every notification kind in French and in English on the preferences page', () => {
  for (const kind of NOTIFICATION_KINDS) {
    const key = kind.replace(/\./g, '_') as keyof typeof fr.kinds;
    expect(fr.kinds[key], `fr kinds.${key}`).toBeTruthy();
    expect(en.kinds[key], `en kinds.${key}`).toBeTruthy();
  }
});
