// Post bodies in the forum's three languages. A handful of templates per language are
// rendered once with the app's own Markdown pipeline and reused for every row, so seeding
// costs no rendering yet each post carries the HTML size and shape a real one would.
import { markdownToHtml } from '../server/markdown/markdown-pipeline.ts';
import type { Lang } from '../server/db/schema.ts';
import { countWords } from '../web/src/text/word-count.ts';
import { intBetween, pick, seededRandom, type Random } from './random.ts';

const SENTENCES: Record<Lang, string[]> = {
  en: [
    'In our region the cooperative model took hold only after the municipal budget made room for it.',
    'I would question whether the pilot can scale without a stable source of public finance.',
    'The reading for this week makes a strong case for participatory budgeting, but the evidence is thin.',
    'Our federation spent three years negotiating a procurement rule that favours local producers.',
    'Housing cooperatives here depend on land trusts, and those depend on a patient lender.',
    'What struck me most was how little the national framework says about informal workers.',
    'We tried a shared credit line across twelve organisations and learnt a great deal from its failure.',
    'Could someone from the Andean group explain how the tax exemption is audited in practice?',
    'The social economy law passed quickly, yet the implementing decree took another four years.',
    'Young members bring digital skills, while the founders hold the relationships with the ministry.',
  ],
  es: [
    'En nuestra provincia la economía social creció cuando el municipio abrió sus compras públicas.',
    'Me pregunto si el programa piloto puede crecer sin una fuente estable de financiamiento.',
    'La lectura de esta semana defiende el presupuesto participativo, aunque con pocos datos.',
    'Nuestra federación negoció durante tres años una norma que favorece a los productores locales.',
    'Las cooperativas de vivienda dependen aquí de fideicomisos de tierra y de créditos pacientes.',
    'Lo que más me llamó la atención fue el silencio de la ley sobre el trabajo informal.',
    'Probamos una línea de crédito compartida entre doce organizaciones y aprendimos mucho del fracaso.',
    '¿Alguien del grupo andino podría explicar cómo se audita la exención fiscal en la práctica?',
    'La ley de economía solidaria se aprobó rápido, pero el reglamento tardó cuatro años más.',
    'Los socios jóvenes aportan habilidades digitales y los fundadores, la relación con el ministerio.',
  ],
  fr: [
    "Dans notre région, l'économie sociale a progressé lorsque la commune a ouvert ses marchés publics.",
    'Je me demande si le projet pilote peut grandir sans un financement public stable.',
    'Le texte de cette semaine plaide pour le budget participatif, mais les preuves restent minces.',
    "Notre fédération a négocié pendant trois ans une règle d'achat favorable aux producteurs locaux.",
    'Les coopératives d’habitation dépendent ici des fiducies foncières et de prêteurs patients.',
    "Ce qui m'a frappé, c'est le silence du cadre national sur le travail informel.",
    'Nous avons tenté une ligne de crédit partagée entre douze organisations, et son échec nous a appris beaucoup.',
    "Quelqu'un du groupe andin pourrait-il expliquer comment l'exonération fiscale est contrôlée ?",
    "La loi sur l'économie solidaire a été votée vite, mais le décret d'application a pris quatre ans.",
    'Les jeunes membres apportent des compétences numériques, les fondateurs les liens avec le ministère.',
  ],
};

export interface PostBody {
  lang: Lang;
  bodyMd: string;
  bodyHtml: string;
  wordCount: number;
}

/** A Markdown body of about `targetWords` words: paragraphs, some emphasis, now and then a list or a link. */
export function composeBody(random: Random, lang: Lang, targetWords: number): string {
  const sentences: string[] = [];
  let words = 0;
  for (;;) {
    const sentence = pick(random, SENTENCES[lang]);
    const length = sentence.split(/\s+/).length;
    if (sentences.length > 0 && words + length > targetWords) break;
    sentences.push(sentence);
    words += length;
  }
  const emphasised = intBetween(random, 0, sentences.length - 1);
  sentences[emphasised] = `**${sentences[emphasised]}**`;
  const paragraphs: string[] = [];
  for (let i = 0; i < sentences.length; i += 3) paragraphs.push(sentences.slice(i, i + 3).join(' '));
  if (paragraphs.length > 2 && random() < 0.5) {
    const items = paragraphs
      .pop()!
      .split(/(?<=[.?])\s+/)
      .map((item) => `- ${item}`);
    paragraphs.push(items.join('\n'));
  }
  if (random() < 0.3) paragraphs.push('[Report](https://example.org/report.pdf)');
  return paragraphs.join('\n\n');
}

/** `perLang` rendered bodies per language, from about 40 to 200 words (a body stops at the sentence that would pass its target). */
export function bodyTemplates(perLang: number): PostBody[] {
  const random = seededRandom(42);
  const templates: PostBody[] = [];
  for (const lang of ['en', 'es', 'fr'] as const) {
    for (let i = 0; i < perLang; i++) {
      const target = 55 + Math.round((145 * i) / Math.max(1, perLang - 1));
      const bodyMd = composeBody(random, lang, target);
      templates.push({ lang, bodyMd, bodyHtml: markdownToHtml(bodyMd), wordCount: countWords(bodyMd) });
    }
  }
  return templates;
}
