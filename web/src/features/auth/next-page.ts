import { useSearchParams } from 'react-router';

/** Only a path of this site: never another origin ("//evil.example", "https://…"). */
export function safeNext(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}

/** The page a visitor was heading to (`?next=`), kept across sign-in and sign-up. */
export function useNextPage(): { next: string | null; carry: (path: string) => string } {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  return { next, carry: (path) => (next ? `${path}?next=${encodeURIComponent(next)}` : path) };
}
