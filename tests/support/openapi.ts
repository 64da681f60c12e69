import { randomUUID } from 'node:crypto';

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  minLength?: number;
};

export interface Operation {
  method: string;
  path: string;
  access: string[];
  /** Which path parameters and body fields name a structure's row (`x-essor-scope`). */
  scope: { params?: Record<string, string>; body?: Record<string, string> } | null;
  bodySchema: JsonSchema | null;
  pathParams: string[];
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { 'x-essor-access'?: string[]; 'x-essor-scope'?: Operation['scope']; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export function listOperations(doc: OpenApiDoc): Operation[] {
  const operations: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      operations.push({
        method: method.toUpperCase(),
        path,
        access: op['x-essor-access'] ?? [],
        scope: op['x-essor-scope'] ?? null,
        bodySchema: op.requestBody?.content?.['application/json']?.schema ?? null,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
      });
    }
  }
  return operations;
}

/** The operation's path with every parameter filled by a value that names nothing. */
export function concretePath(op: Operation): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => (/token|code|slug|key/i.test(name) ? `unknown-${name}` : randomUUID()));
}

export class SchemaWalker {
  constructor(private readonly doc: OpenApiDoc) {}

  resolve(schema: JsonSchema): JsonSchema {
    let current = schema;
    while (current.$ref) current = this.doc.components?.schemas?.[current.$ref.split('/').pop()!] ?? {};
    if (current.allOf) return current.allOf.map((s) => this.resolve(s)).reduce((a, b) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties }, required: [...(a.required ?? []), ...(b.required ?? [])] }), {});
    return current;
  }

  private typeOf(schema: JsonSchema): string | undefined {
    const s = this.resolve(schema);
    if (s.enum) return 'enum';
    const variants = s.anyOf ?? s.oneOf;
    if (variants) return this.typeOf(variants.find((v) => this.resolve(v).type !== 'null') ?? variants[0]);
    return Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  }

  private objectOf(schema: JsonSchema): JsonSchema {
    const s = this.resolve(schema);
    const variants = s.anyOf ?? s.oneOf;
    if (variants) return this.objectOf(variants.find((v) => this.resolve(v).type === 'object') ?? variants[0]);
    return s;
  }

  /** A body whose every field has the wrong type (strings for numbers, numbers for strings, unknown enum values). */
  wrongTypes(schema: JsonSchema): Record<string, unknown> {
    const s = this.objectOf(schema);
    const body: Record<string, unknown> = {};
    for (const [key, prop] of Object.entries(s.properties ?? {})) {
      switch (this.typeOf(prop)) {
        case 'enum':
          body[key] = '__not_a_value__';
          break;
        case 'string':
          body[key] = { nested: ['object'] };
          break;
        case 'number':
        case 'integer':
          body[key] = 'twelve';
          break;
        case 'boolean':
          body[key] = 'maybe';
          break;
        case 'array':
          body[key] = 'not-a-list';
          break;
        case 'object':
          body[key] = 42;
          break;
        default:
          body[key] = Symbol.for('x').toString();
      }
    }
    return body;
  }

  /** A body shaped like the schema whose strings all look like SQL injections. */
  sqlLooking(schema: JsonSchema): unknown {
    const s = this.resolve(schema);
    const type = this.typeOf(s);
    const injection = "x'); DROP TABLE users; -- \" OR 1=1";
    if (type === 'enum') return (s.enum ?? [injection])[0];
    if (type === 'string') return s.format === 'uuid' ? `${randomUUID()}' OR '1'='1` : injection;
    if (type === 'number' || type === 'integer') return 1;
    if (type === 'boolean') return true;
    if (type === 'array') return [this.sqlLooking(s.items ?? { type: 'string' })];
    if (type === 'object') {
      const o = this.objectOf(s);
      return Object.fromEntries(Object.entries(o.properties ?? {}).map(([k, v]) => [k, this.sqlLooking(v)]));
    }
    return injection;
  }
}
