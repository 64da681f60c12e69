import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const MODULES = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'api', 'src', 'modules');
const SIBLING = /^\.\.\/([a-z0-9-]+)\//;
const IMPORT_FROM = /(?:import|export)[^;]*?from\s+'([^']+)'/g;

/** The module a file of api/src/modules belongs to, or null. */
function moduleOf(file) {
  const relative = path.relative(MODULES, path.resolve(file));
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  const [module, ...rest] = relative.split(path.sep);
  return rest.length ? module : null;
}

/** Which module imports which, read from the sources on disk (the file being linted adds its own edges). */
function readGraph() {
  const graph = new Map();
  if (!existsSync(MODULES)) return graph;
  for (const entry of readdirSync(MODULES, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const from = moduleOf(file);
    if (!from) continue;
    const depth = path.relative(path.join(MODULES, from), path.dirname(file)).split(path.sep).filter(Boolean).length;
    for (const [, source] of readFileSync(file, 'utf8').matchAll(IMPORT_FROM)) {
      const to = targetModule(source, depth);
      if (to && to !== from) (graph.get(from) ?? graph.set(from, new Set()).get(from)).add(to);
    }
  }
  return graph;
}

/** The sibling module an import names (`../funds/public` from a module's top folder), or null. */
function targetModule(source, depth = 0) {
  const up = '../'.repeat(depth);
  if (!source.startsWith(up)) return null;
  const match = SIBLING.exec(source.slice(up.length));
  return match ? match[1] : null;
}

/** The chain of modules by which `from` already reaches `to`, or null. */
function pathBetween(graph, from, to) {
  const seen = new Set([from]);
  const queue = [[from]];
  while (queue.length) {
    const chain = queue.shift();
    for (const next of graph.get(chain.at(-1)) ?? []) {
      if (next === to) return [...chain, next];
      if (!seen.has(next)) {
        seen.add(next);
        queue.push([...chain, next]);
      }
    }
  }
  return null;
}

let cached = null;

const noModuleCycle = {
  meta: { type: 'problem', docs: { description: 'No cycle between API modules, whatever files make it up' }, schema: [] },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const from = moduleOf(file);
    if (!from) return {};
    const depth = path.relative(path.join(MODULES, from), path.dirname(path.resolve(file))).split(path.sep).filter(Boolean).length;
    cached ??= readGraph();
    const check = (node) => {
      const to = node.source && targetModule(node.source.value, depth);
      if (!to || to === from) return;
      const back = pathBetween(cached, to, from);
      if (back) context.report({ node, message: `Module ${from} imports ${to}, which already depends on ${from} (${back.join(' -> ')}): a cycle between modules. Move what both need down to lib/, or invert the dependency.` });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

/** Essor's own lint rules on the API's module boundaries. */
export const moduleBoundaries = { rules: { 'no-module-cycle': noModuleCycle } };
