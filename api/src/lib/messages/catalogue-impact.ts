/** The indicator catalogue and project figures messages, in English and French, joined into the one catalogue (catalogue.ts). */
export const IMPACT_MESSAGES = {
  'thing.impact_indicator': { en: 'Impact indicator', fr: "Indicateur d'impact" },
  'thing.indicator_value': { en: 'Indicator figure', fr: "Valeur d'indicateur" },
  // -- units, as named inside messages
  'impact_unit.fte': { en: 'full-time equivalents', fr: 'équivalents temps plein' },
  'impact_unit.people': { en: 'people', fr: 'personnes' },
  'impact_unit.count': { en: 'a count', fr: 'nombre' },
  'impact_unit.money': { en: 'money (minor units)', fr: 'argent (unités mineures)' },
  'impact_unit.tonnes': { en: 'metric tons', fr: 'tonnes' },
  'impact_unit.kwh': { en: 'kilowatt-hours', fr: 'kilowattheures' },
  'impact_unit.hectares': { en: 'hectares of land', fr: 'hectares de terre' },
  'impact_unit.percent': { en: 'percent', fr: 'pourcentage' },
  // -- the catalogue
  'impact.code_taken': { en: 'This structure already has an indicator with this code', fr: 'Cette structure a déjà un indicateur avec ce code' },
  'field.indicator_code_taken': { en: 'Already used in this structure', fr: 'Déjà utilisé dans cette structure' },
  'impact.standard_locked': {
    en: "A standard indicator of the catalogue cannot be changed: create your structure's own indicator instead",
    fr: 'Un indicateur du catalogue standard ne peut pas être modifié : créez plutôt un indicateur propre à votre structure',
  },
  'impact.unit_fixed': {
    en: 'Figures were already entered for this indicator: its unit can no longer change',
    fr: 'Des valeurs ont déjà été saisies pour cet indicateur : son unité ne peut plus changer',
  },
  'field.unit_fixed': { en: 'Fixed once figures exist', fr: 'Figée dès que des valeurs existent' },
  // -- project figures
  'impact.unknown_indicator': {
    en: 'This indicator is not one the project can report on (the standard catalogue or its structure’s own)',
    fr: 'Cet indicateur ne fait pas partie de ceux dont le projet peut rendre compte (catalogue standard ou indicateurs de sa structure)',
  },
  'field.unknown_indicator': { en: 'Unknown indicator for this project', fr: 'Indicateur inconnu pour ce projet' },
  'impact.indicator_inactive': { en: 'This indicator is no longer in use: no new figure can be entered', fr: "Cet indicateur n'est plus utilisé : aucune nouvelle valeur ne peut être saisie" },
  'field.indicator_inactive': { en: 'No longer in use', fr: "N'est plus utilisé" },
  'impact.unit_mismatch': { en: 'This indicator is counted in {{unit}}', fr: 'Cet indicateur se compte en {{unit}}' },
  'field.unit_mismatch': { en: 'The indicator is counted in {{unit}}', fr: "L'indicateur se compte en {{unit}}" },
  'impact.currency_required': { en: 'A money figure needs its currency: {{currency}}, the project’s', fr: 'Une valeur monétaire exige sa devise : {{currency}}, celle du projet' },
  'impact.currency_mismatch': { en: 'The project counts in {{currency}}', fr: 'Le projet compte en {{currency}}' },
  'field.currency_mismatch': { en: 'Must be {{currency}}', fr: 'Doit être {{currency}}' },
  'impact.currency_not_allowed': { en: 'Only a money figure has a currency', fr: 'Seule une valeur monétaire a une devise' },
  'field.currency_not_allowed': { en: 'No currency for this unit', fr: "Pas de devise pour cette unité" },
  'impact.money_whole': { en: 'A money figure is a whole number of minor units (cents)', fr: "Une valeur monétaire est un nombre entier d'unités mineures (centimes)" },
  'field.money_whole': { en: 'Whole minor units', fr: "Unités mineures entières" },
  'impact.period_order': { en: 'The period ends before it starts', fr: 'La période se termine avant de commencer' },
  'field.period_order': { en: 'Before the start of the period', fr: 'Avant le début de la période' },
  'impact.period_future': { en: 'An actual or a baseline cannot be for a period in the future (it ends after {{today}})', fr: "Une valeur réalisée ou de référence ne peut porter sur une période dans le futur (elle se termine après le {{today}})" },
  'field.period_future': { en: 'Period in the future', fr: 'Période dans le futur' },
  'impact.figure_busy': { en: 'Someone entered this figure at the same moment: reload and try again', fr: 'Quelqu’un a saisi cette valeur au même moment : rechargez et réessayez' },
  // -- the shared schemas' own messages (validation.ts maps them here)
  'validation.sdg_target': { en: 'An SDG target like 8.5 or 5.a', fr: 'Une cible ODD comme 8.5 ou 5.a' },
  'validation.iris_code': { en: 'An IRIS+ code like PI3687', fr: 'Un code IRIS+ comme PI3687' },
  'validation.figure_value': { en: 'A number not below 0, with at most 2 decimals', fr: 'Un nombre positif ou nul, avec au plus 2 décimales' },
} as const;
