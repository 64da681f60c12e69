/**
 * The pages a visitor opens without signing in that have a document of their own (`web/public.html`): a lighter
 * entry with only these routes, so a phone downloads neither the admin's route table nor its data router. The
 * server answers these paths with that document; the web's public shell serves exactly these routes, and any other
 * path reached from it is loaded as a full page (the admin's document). Inside the admin the same pages stay
 * reachable as client-side routes.
 */
export const PUBLIC_SHELL_PATHS = ['/apply', '/applications/new/:programmeId', '/invest', '/invest/:id', '/open-data', '/open-data/:territoryId'] as const;

const PATTERNS = PUBLIC_SHELL_PATHS.map((route) => new RegExp(`^${route.replace(/:[A-Za-z]+/g, '[^/]+')}/?$`));

/** Whether the server answers this path with the public document. */
export function isPublicShellPath(pathname: string): boolean {
  return PATTERNS.some((pattern) => pattern.test(pathname));
}
