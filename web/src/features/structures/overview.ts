import { CURRENCY_EXPONENTS, type CurrencyCode } from '@essor/shared/money';
import type { StructureFigures } from '@essor/shared/structures';

export interface MoneyFigures {
  currency: CurrencyCode;
  committedMinor: number;
  disbursedMinor: number;
}

export interface Figures {
  programmes: number;
  applications: number;
  accepted: number;
  cohorts: number;
  coachingMinutesHeld: number;
  money: MoneyFigures[];
}

export type OverviewRow =
  | { kind: 'structure'; structure: StructureFigures; figures: Figures }
  | { kind: 'total'; structure: StructureFigures; figures: Figures };

function add(a: Figures, b: Figures): Figures {
  const money = new Map<CurrencyCode, MoneyFigures>(a.money.map((m) => [m.currency, { ...m }]));
  for (const m of b.money) {
    const current = money.get(m.currency) ?? { currency: m.currency, committedMinor: 0, disbursedMinor: 0 };
    money.set(m.currency, { currency: m.currency, committedMinor: current.committedMinor + m.committedMinor, disbursedMinor: current.disbursedMinor + m.disbursedMinor });
  }
  return {
    programmes: a.programmes + b.programmes,
    applications: a.applications + b.applications,
    accepted: a.accepted + b.accepted,
    cohorts: a.cohorts + b.cohorts,
    coachingMinutesHeld: a.coachingMinutesHeld + b.coachingMinutesHeld,
    money: [...money.values()].sort((x, y) => x.currency.localeCompare(y.currency)),
  };
}

const own = (s: StructureFigures): Figures => add({ programmes: 0, applications: 0, accepted: 0, cohorts: 0, coachingMinutesHeld: 0, money: [] }, s);

/**
 * The city view's rows in tree order: each structure with its own figures, and after the last
 * structure under a parent, that parent's total (its own figures plus its whole subtree).
 */
export function overviewRows(structures: StructureFigures[]): OverviewRow[] {
  const ids = new Set(structures.map((s) => s.structureId));
  const children = new Map<string, StructureFigures[]>();
  for (const s of structures) if (s.parentId && ids.has(s.parentId)) children.set(s.parentId, [...(children.get(s.parentId) ?? []), s]);
  const rows: OverviewRow[] = [];
  const visit = (s: StructureFigures): Figures => {
    rows.push({ kind: 'structure', structure: s, figures: own(s) });
    const below = children.get(s.structureId) ?? [];
    const total = below.reduce((sum, child) => add(sum, visit(child)), own(s));
    if (below.length) rows.push({ kind: 'total', structure: s, figures: total });
    return total;
  };
  for (const s of structures) if (!s.parentId || !ids.has(s.parentId)) visit(s);
  return rows;
}

export function currenciesOf(rows: OverviewRow[]): CurrencyCode[] {
  return [...new Set(rows.flatMap((r) => r.figures.money.map((m) => m.currency)))].sort();
}

function major(amountMinor: number, currency: CurrencyCode): string {
  const exponent = CURRENCY_EXPONENTS[currency];
  return (amountMinor / 10 ** exponent).toFixed(exponent);
}

function cell(value: string | number): string {
  const text = String(value);
  return /[",;\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV (amounts in major units with a dot, one committed/disbursed pair per currency). */
export function overviewCsv(rows: OverviewRow[], headers: { structure: string; level: string; programmes: string; applications: string; accepted: string; cohorts: string; coachingHours: string; committed: string; disbursed: string }, totalLabel: (name: string) => string): string {
  const currencies = currenciesOf(rows);
  const head = [
    headers.structure,
    headers.level,
    headers.programmes,
    headers.applications,
    headers.accepted,
    headers.cohorts,
    headers.coachingHours,
    ...currencies.flatMap((c) => [`${headers.committed} (${c})`, `${headers.disbursed} (${c})`]),
  ];
  const lines = rows.map((row) => {
    const f = row.figures;
    const money = new Map(f.money.map((m) => [m.currency, m]));
    return [
      row.kind === 'total' ? totalLabel(row.structure.name) : row.structure.name,
      row.structure.depth,
      f.programmes,
      f.applications,
      f.accepted,
      f.cohorts,
      (f.coachingMinutesHeld / 60).toFixed(1),
      ...currencies.flatMap((c) => [major(money.get(c)?.committedMinor ?? 0, c), major(money.get(c)?.disbursedMinor ?? 0, c)]),
    ];
  });
  return [head, ...lines].map((line) => line.map(cell).join(',')).join('\r\n');
}
