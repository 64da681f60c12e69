import { createTheme, type MantineColorsTuple } from '@mantine/core';

const essor: MantineColorsTuple = ['#e8f6f0', '#d3ebe1', '#a5d6c2', '#74c0a1', '#4dae86', '#34a274', '#259c6b', '#16885a', '#0a794f', '#006942'];
const sand: MantineColorsTuple = ['#fbf6ec', '#f3ead6', '#e7d3a8', '#dbbb77', '#d1a74e', '#cb9a34', '#c89426', '#b07f19', '#9c7111', '#876002'];

export const theme = createTheme({
  primaryColor: 'essor',
  primaryShade: { light: 7, dark: 5 },
  colors: { essor, sand },
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  defaultRadius: 'md',
  components: {
    // A label longer than the room it has wraps onto a second line instead of ending in "…" ("Approuver et e…").
    Button: {
      defaultProps: { radius: 'md' },
      styles: {
        root: { height: 'auto', minHeight: 'var(--button-height)', maxWidth: '100%' },
        inner: { minHeight: 'calc(var(--button-height) - 2px)' },
        label: { whiteSpace: 'normal', overflow: 'visible', height: 'auto', lineHeight: 1.25, paddingBlock: 4 },
      },
    },
    Card: { defaultProps: { shadow: 'xs' } },
    // A badge keeps its whole word ("INCUBÉ", never "IN…"); the table around it scrolls instead.
    Badge: { styles: { root: { overflow: 'visible', flexShrink: 0 }, label: { overflow: 'visible' } } },
  },
});
