/** A rate the person types in per cent (2.5) kept in basis points (250), and back. */
export const toBps = (percent: number | string) => Math.round(Number(percent) * 100);
export const toPercent = (bps: number) => bps / 100;
export const int = (value: number | string) => (value === '' ? 0 : Math.trunc(Number(value)));
export const todayIso = () => new Date().toISOString().slice(0, 10);
