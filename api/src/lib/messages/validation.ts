import { z, type ZodError } from 'zod';
import { render, type Locale, type PlainKey } from './render';

/**
 * The messages the shared schemas set themselves (the web shows them too, in English); the API answers
 * each in the caller's language. A message not listed here is passed on as written.
 */
export const VALIDATION_TEXTS: Readonly<Record<string, PlainKey>> = {
  'Nothing to change': 'validation.nothing_to_change',
  'An SDG target like 8.5 or 5.a': 'validation.sdg_target',
  'An IRIS+ code like PI3687': 'validation.iris_code',
  'A number not below 0, with at most 2 decimals': 'validation.figure_value',
  'A file name, not a path': 'validation.file_name_not_path',
  'A project appears twice': 'validation.project_twice',
  'A support type appears twice': 'validation.support_type_twice',
  'An external expert needs an hourly rate and its currency': 'validation.expert_rate_required',
  'An individual session names its project; a group workshop does not': 'validation.session_project_by_format',
  'Applications repeat': 'validation.applications_repeat',
  'At least 10 characters': 'validation.password_length',
  'Capitals, digits and dashes': 'validation.capitals_digits_dashes',
  'Capitals, digits and dashes, 3 to 30': 'validation.capitals_digits_dashes_3_30',
  'Criterion keys repeat': 'validation.criterion_keys_repeat',
  'Enter a valid email address': 'validation.email',
  'Languages repeat': 'validation.languages_repeat',
  'Lowercase letters, digits and underscores, starting with a letter': 'validation.lowercase_key',
  'Members repeat': 'validation.members_repeat',
  'Needs repeat': 'validation.needs_repeat',
  'Only an accepted project joins a cohort': 'validation.accepted_joins_cohort',
  'Only an informal group is on its way to a legal form': 'validation.informal_group_target_form',
  'Pick at least one role': 'validation.pick_a_role',
  'Roles repeat': 'validation.roles_repeat',
  'Say where an on-site session takes place': 'validation.on_site_place',
  'Say why this criterion is not met': 'validation.criterion_reason',
  'Specialties repeat': 'validation.specialties_repeat',
  'The call closes before it opens': 'validation.call_closes_before_opening',
  'The cohort ends before it starts': 'validation.cohort_ends_before_start',
  'The grace period must be shorter than the term': 'validation.grace_shorter_than_term',
  'The next visit comes after this one': 'validation.next_visit_after',
  'The range ends before it starts': 'validation.range_ends_before_start',
  'The slot ends before it starts': 'validation.slot_ends_before_start',
  'Use HH:MM': 'validation.hh_mm',
  'Whole minutes': 'validation.whole_minutes',
  'Women and youth are counted among the founders': 'validation.founders_count',
};

const ZOD_LOCALES = { en: z.locales.en(), fr: z.locales.fr() };
type RawIssue = Parameters<(typeof ZOD_LOCALES)['en']['localeError']>[0];

function zodText(locale: Locale, issue: RawIssue): string | undefined {
  const out = ZOD_LOCALES[locale].localeError(issue);
  return typeof out === 'string' ? out : out?.message;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let at = data;
  for (const step of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[step];
  }
  return at;
}

/**
 * The field messages of a failed validation, keyed by path as before, in the caller's language: zod's own
 * messages through its locale, the shared schemas' messages through the catalogue.
 */
export function localizedFields(error: ZodError, data: unknown, locale: Locale): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    (fields[key] ??= []).push(localizedIssue(issue, data, locale));
  }
  return fields;
}

function localizedIssue(issue: ZodError['issues'][number], data: unknown, locale: Locale): string {
  const own = VALIDATION_TEXTS[issue.message];
  if (own) return render(own, locale);
  // The issue no longer carries its input; the value at its path is what was sent.
  const raw = { ...issue, input: valueAt(data, issue.path) } as unknown as RawIssue;
  if (zodText('en', raw) !== issue.message) return issue.message;
  return zodText(locale, raw) ?? issue.message;
}
