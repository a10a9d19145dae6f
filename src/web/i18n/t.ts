import { en, type Messages } from './en';

export type MessageKey = keyof Messages;
type Params = Record<string, string | number>;

const catalogue: Record<MessageKey, string> = en;

/** Look up a user-visible message and fill `{name}` placeholders. English is the only catalogue so far. */
export function t(key: MessageKey, params?: Params): string {
  const template = catalogue[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** For keys built at run time (error codes, enum values): undefined when the catalogue has no entry. */
export function tMaybe(key: string, params?: Params): string | undefined {
  return key in catalogue ? t(key as MessageKey, params) : undefined;
}
