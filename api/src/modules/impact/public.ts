/** What the impact module offers the others. */
// Dashboards, the council report and open data read indicator figures one way: this one.
export { indicatorTotals, projectFigures, type FigureWindow, type IndicatorTotal, type ProjectFigure } from './figures';
