import type { MoneyFlow } from '@essor/shared/impact-dashboard';
import { Layer, Rectangle, ResponsiveContainer, Sankey, Tooltip } from 'recharts';

const KIND_COLOURS: Record<string, string> = {
  funder: '#2f9e44',
  fund: '#1c7ed6',
  programme: '#7048e8',
  project: '#e8590c',
  other_projects: '#adb5bd',
  available: '#66a80f',
};

interface NodeDrawProps {
  x: number;
  y: number;
  width: number;
  height: number;
  index: number;
  payload: { name: string; kind: string; value: number };
}

/** The flow as a Sankey (recharts): nodes in their kind's colour, each labelled with its name and amount. */
export function MoneySankey({ flow, format, label }: { flow: MoneyFlow; format: (minor: number) => string; label: string }) {
  const index = new Map(flow.nodes.map((n, i) => [n.id, i]));
  const data = {
    nodes: flow.nodes.map((n) => ({ name: n.label, kind: n.kind })),
    links: flow.links.filter((l) => index.has(l.source) && index.has(l.target)).map((l) => ({ source: index.get(l.source)!, target: index.get(l.target)!, value: l.amountMinor })),
  };
  const last = flow.nodes.length - 1;
  const node = ({ x, y, width, height, index: i, payload }: NodeDrawProps) => {
    const right = x > 500;
    return (
      <Layer key={`node-${i}`}>
        <Rectangle x={x} y={y} width={width} height={Math.max(height, 1)} fill={KIND_COLOURS[payload.kind] ?? '#868e96'} fillOpacity={0.9} />
        <text x={right ? x - 6 : x + width + 6} y={y + height / 2} textAnchor={right ? 'end' : 'start'} dominantBaseline="middle" fontSize={11}>
          {payload.name} · {format(payload.value)}
        </text>
      </Layer>
    );
  };
  return (
    <div role="img" aria-label={label} style={{ width: '100%', height: Math.max(320, Math.min(680, 40 * (last + 1))) }}>
      {data.links.length > 0 && (
        <ResponsiveContainer width="100%" height="100%">
          <Sankey data={data} node={node as never} nodePadding={18} margin={{ left: 10, right: 10, top: 10, bottom: 10 }} link={{ stroke: '#74c0fc', strokeOpacity: 0.35 }}>
            <Tooltip formatter={(value) => format(Number(value))} />
          </Sankey>
        </ResponsiveContainer>
      )}
    </div>
  );
}
