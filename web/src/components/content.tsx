// User and forum content always carries its own language, which may differ from the interface's.
import type { Static } from 'typebox';
import type { HtmlSchema, TextSchema } from '../../../server/http/common.schemas.ts';

export type Text = Static<typeof TextSchema>;
export type Html = Static<typeof HtmlSchema>;

export function LangText({ text }: { text: Text }) {
  return <span lang={text.lang}>{text.value}</span>;
}

/** The server sanitizes content HTML before sending it; it is rendered as given. */
export function LangHtml({ html, class: className }: { html: Html; class?: string }) {
  return (
    <div
      class={['prose', className].filter(Boolean).join(' ')}
      lang={html.lang}
      dangerouslySetInnerHTML={{ __html: html.html }}
    />
  );
}
