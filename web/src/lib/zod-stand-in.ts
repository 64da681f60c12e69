/**
 * What the admin's bundle gets in place of `zod` (vite.config.ts). The admin imports constants, types and helpers
 * from shared/, whose modules also build the API's schemas when loaded; the admin never validates with them (the
 * API does), so the bundle builds nothing and carries no zod (a quarter of a public page's download otherwise).
 * Any schema is this one chainable no-op; asking it to validate throws, so a page that starts to need zod finds
 * out at once, in development as in the build.
 */
const VALIDATING = new Set<PropertyKey>(['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'spa', 'decode', 'encode', 'safeDecode', 'safeEncode']);

function refuse(): never {
  throw new Error('zod is not bundled in the admin (see web/src/lib/zod-stand-in.ts): validate on the server, or give the admin a schema module of its own.');
}

const schema: unknown = new Proxy(function standIn() {}, {
  get: (_target, key) => (VALIDATING.has(key) ? refuse : key === 'then' || typeof key === 'symbol' ? undefined : schema),
  apply: () => schema,
});

export const z = schema;
export default schema;
