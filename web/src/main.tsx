// Starts the app once the interface language's strings and the session have arrived, both
// fetched at the same time, so the first paint is already in the right language.
import { render } from 'preact';
import { App } from './app.tsx';
import { initI18n } from './i18n/i18n.ts';
import { adoptProfileLang, fetchMe } from './session/session-context.tsx';

const root = document.getElementById('app')!;

async function start(): Promise<void> {
  const [, me] = await Promise.all([initI18n(), fetchMe()]);
  await adoptProfileLang(me);
  render(<App initialMe={me} />, root);
}

// Without its strings (a dropped connection) the app cannot speak any one language; say so in all three.
const loadFailed: [string, string][] = [
  ['en', 'Tertulia could not load. Please reload the page.'],
  ['es', 'Tertulia no pudo cargarse. Vuelva a cargar la página.'],
  ['fr', 'Tertulia n’a pas pu se charger. Veuillez recharger la page.'],
];

start().catch(() => {
  root.replaceChildren(
    ...loadFailed.map(([lang, text]) => {
      const line = document.createElement('p');
      line.lang = lang;
      line.textContent = text;
      return line;
    }),
  );
});
