import { LineChart } from '@mantine/charts';
import type { GuaranteeDetail } from '@essor/shared/guarantees';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';

/** The loan's outstanding and the fund's exposure, report after report. */
export function ExposureChart({ guarantee }: { guarantee: GuaranteeDetail }) {
  const { t } = useTranslation('guarantees');
  const format = useFormat();
  if (guarantee.outstandings.length < 2) return null;
  const points = [...guarantee.outstandings].sort((a, b) => a.asOf.localeCompare(b.asOf));
  return (
    <LineChart
      h={200}
      data={points.map((p) => ({ day: format.date(p.asOf), outstanding: p.outstandingMinor, exposure: p.exposureMinor }))}
      dataKey="day"
      withLegend
      curveType="stepAfter"
      valueFormatter={(value) => format.money(value, guarantee.currency)}
      yAxisProps={{ width: 96 }}
      series={[
        { name: 'outstanding', label: t('history.outstanding'), color: 'gray.5' },
        { name: 'exposure', label: t('figures.exposure'), color: 'orange.6' },
      ]}
    />
  );
}
