/** The impact dashboards, follow-the-money and the council report messages, in English and French, joined into the one catalogue (catalogue.ts). */
export const DASHBOARD_MESSAGES = {
  'dashboards.from_after_to': { en: 'The period starts ({{from}}) after it ends ({{to}})', fr: 'La période commence ({{from}}) après sa fin ({{to}})' },
  'field.dashboards.from_after_to': { en: 'After the end of the period', fr: 'Après la fin de la période' },
  'dashboards.fund_or_programme': { en: 'Choose a fund or a programme to follow its money', fr: 'Choisissez un fonds ou un programme pour suivre son argent' },
  'field.dashboards.fund_or_programme': { en: 'A fund or a programme is needed', fr: 'Un fonds ou un programme est nécessaire' },
  'dashboards.currency_required': {
    en: 'The funds of this programme hold several currencies ({{currencies}}): choose one',
    fr: 'Les fonds de ce programme sont en plusieurs devises ({{currencies}}) : choisissez-en une',
  },
  'field.dashboards.currency_required': { en: 'Choose a currency', fr: 'Choisissez une devise' },
  'dashboards.currency_not_fund': { en: 'This fund does not hold {{currency}}', fr: "Ce fonds n'est pas en {{currency}}" },
  'field.dashboards.currency_not_fund': { en: "Not the fund's currency", fr: 'Pas la devise du fonds' },
  'dashboards.no_programme': { en: 'No programme', fr: 'Hors programme' },
  'dashboards.available': { en: 'Still available', fr: 'Encore disponible' },
  'dashboards.other_projects': { en: 'Other projects ({{count}})', fr: 'Autres projets ({{count}})' },
  'dashboards.money_flow_rule': {
    en: "Money in a fund is fungible: each funder's part of every outflow (disbursed or committed towards a project) is its share of the fund's contributions, pro rata, rounded by largest remainder so the parts add up exactly to the outflow. Outflows: co-financing tranches disbursed, loans disbursed (principal), equipment paid, guarantee calls paid; committed: approved but not yet disbursed. Cost per job: disbursed / jobs created (FTE), rounded half up to a minor unit.",
    fr: "L'argent d'un fonds est fongible : la part de chaque bailleur dans chaque sortie (versée ou engagée vers un projet) est sa part des apports au fonds, au prorata, arrondie au plus fort reste pour que les parts fassent exactement la sortie. Sorties : tranches de cofinancement versées, prêts décaissés (capital), équipements payés, appels en garantie payés ; engagé : approuvé mais pas encore versé. Coût par emploi : versé / emplois créés (ETP), arrondi à l'unité mineure la plus proche (moitié vers le haut).",
  },
} as const;
