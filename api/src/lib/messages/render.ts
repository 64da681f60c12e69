import { MESSAGES } from './catalogue';

export type Locale = 'fr' | 'en';
export const MESSAGE_LOCALES: readonly Locale[] = ['fr', 'en'];

type Catalogue = typeof MESSAGES;
export type MessageKey = keyof Catalogue;

/** The `{{name}}` placeholders of a text, as a union of names. */
export type ParamNames<S extends string> = S extends `${string}{{${infer P}}}${infer Rest}` ? P | ParamNames<Rest> : never;
export type ParamsOf<K extends MessageKey> = ParamNames<Catalogue[K]['en']>;

/** A message to render later, in the caller's language. A parameter may itself be a message (a status, a thing). */
export interface Message {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, Param>>;
}
export type Param = string | number | Message;

/** Keys whose texts take no parameter: they stand for themselves wherever a message is expected. */
export type PlainKey = { [K in MessageKey]: [ParamsOf<K>] extends [never] ? K : never }[MessageKey];
export type Text = PlainKey | Message;
export type ThingKey = Extract<MessageKey, `thing.${string}`>;

// A French text that names other parameters than its English one fails here, naming the key.
type ParamMismatch = {
  [K in MessageKey]: [ParamNames<Catalogue[K]['en']>] extends [ParamNames<Catalogue[K]['fr']>]
    ? [ParamNames<Catalogue[K]['fr']>] extends [ParamNames<Catalogue[K]['en']>]
      ? never
      : K
    : K;
}[MessageKey];
const sameParamsInBothLanguages: [ParamMismatch] extends [never] ? true : ParamMismatch = true;
void sameParamsInBothLanguages;

export function msg<K extends MessageKey>(key: K, params: Record<ParamsOf<K>, Param>): Message {
  return { key, params };
}

export function render(text: Text, locale: Locale): string {
  const message: Message = typeof text === 'string' ? { key: text } : text;
  // A key missing from the catalogue (a bug the tests look for) still answers with something readable.
  const template: string = (MESSAGES[message.key] as (typeof MESSAGES)[MessageKey] | undefined)?.[locale] ?? message.key;
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = message.params?.[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? render(value, locale) : String(value);
  });
}

export type Fields = Record<string, Text[]>;

export function renderFields(fields: Fields | undefined, locale: Locale): Record<string, string[]> | undefined {
  if (!fields) return undefined;
  return Object.fromEntries(Object.entries(fields).map(([name, texts]) => [name, texts.map((t) => render(t, locale))]));
}

/** The language of a reply: the signed-in person's profile, else the best of fr/en in Accept-Language, else French. */
export function replyLocale(profileLocale: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (profileLocale === 'fr' || profileLocale === 'en') return profileLocale;
  let best: { locale: Locale; q: number } | null = null;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [tag, ...options] = part.trim().toLowerCase().split(';');
    const base = tag.trim().slice(0, 2);
    if (base !== 'fr' && base !== 'en') continue;
    const qOption = options.map((o) => o.trim()).find((o) => o.startsWith('q='));
    const q = qOption ? Number(qOption.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { locale: base, q };
  }
  return best?.locale ?? 'fr';
}

type NamedPrefix = 'status' | 'support' | 'closure_status' | 'request_status' | 'tranche_status' | 'quote_status' | 'asset_status' | 'loan_status' | 'loan_action' | 'action_status' | 'decision_kind' | 'offering_status' | 'subscription_status';

/** A value named in a message (a status, a support type): its catalogue text under `prefix`, else the value itself. */
export function named(prefix: NamedPrefix, value: string): Param {
  const key = `${prefix}.${value}`;
  return key in MESSAGES ? { key: key as MessageKey } : value;
}
