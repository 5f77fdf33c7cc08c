// The embed view (?embed in the address): minimal chrome for course pages and LMS iframes.
// ?embed&lesson=ID opens a lesson, ?embed&challenge=NAME a challenge.
export const EMBED = typeof location !== 'undefined' && new URLSearchParams(location.search).has('embed');

/** The same page without the embed flag: "Open the full playground". */
export function fullAppUrl(): string {
  const u = new URL(location.href);
  u.searchParams.delete('embed');
  return u.toString();
}

/** ?lesson=ID: open that lesson once the scenarios and lessons have loaded (a course page links to one). */
export function lessonFromUrl(search = typeof location !== 'undefined' ? location.search : ''): string | null {
  return new URLSearchParams(search).get('lesson');
}
