// A translated sentence with one element in place of a placeholder (a title in its own
// language, a date in the reader's zone).
import type { ComponentChildren } from 'preact';

/** Pass as the placeholder's value: `t(key, { title: PLACE })`, then split around it. */
export const PLACE = '\u0000';
export function Sentence({ text, children }: { text: string; children: ComponentChildren }) {
  const [before, after] = text.split(PLACE);
  return (
    <>
      {before}
      {after !== undefined ? (
        <>
          {children}
          {after}
        </>
      ) : null}
    </>
  );
}
