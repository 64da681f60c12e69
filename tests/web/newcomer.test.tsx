// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { MoneyInput } from '../../web/src/components/money-input';
import { keyFromLabel } from '../../web/src/features/programmes/components/criteria-editor';
import { renderWithProviders } from './render';

afterEach(cleanup);

let seen = '';
function Harness({ initial, currency = 'CAD' }: { initial: string; currency?: string }) {
  const [value, setValue] = useState(initial);
  seen = value;
  return <MoneyInput label="Montant" currency={currency} value={value} onChange={setValue} />;
}

describe('money typed the way people write it', () => {
  it('shows an amount with the French grouping and decimal comma, not "30000.00"', () => {
    renderWithProviders(<Harness initial="30000.00" />);
    expect((screen.getByLabelText(/Montant/) as HTMLInputElement).value).toBe('30\u202f000,00');
    expect(seen).toBe('30000.00');
  });

  it('shows it the English way in English, and reads English grouping back', () => {
    renderWithProviders(<Harness initial="1500000" />, 'en');
    const input = screen.getByLabelText(/Montant/) as HTMLInputElement;
    expect(input.value).toBe('1,500,000.00');
    fireEvent.change(input, { target: { value: '2,250,000.50' } });
    expect(seen).toBe('2250000.50');
    fireEvent.blur(input);
    expect(input.value).toBe('2,250,000.50');
  });

  it('reads "15 000,5" in French as 15000.5 and writes it back with two decimals on leaving the field', () => {
    renderWithProviders(<Harness initial="" />);
    const input = screen.getByLabelText(/Montant/) as HTMLInputElement;
    fireEvent.change(input, { target: { value: '15 000,5' } });
    expect(seen).toBe('15000.5');
    fireEvent.blur(input);
    expect(input.value).toBe('15\u202f000,50');
  });
});

describe('criteria keys', () => {
  it('are made from the label, never typed, and stay unique', () => {
    expect(keyFromLabel('Utilité sociale', [])).toBe('utilite_sociale');
    expect(keyFromLabel('Utilité sociale !', ['utilite_sociale'])).toBe('utilite_sociale_2');
    expect(keyFromLabel('2e critère', [])).toBe('e_critere');
    expect(keyFromLabel('', [])).toBe('critere');
  });
});
