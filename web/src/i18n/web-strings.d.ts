// The module web/web-strings.plugin.ts generates: each language's strings, area by area.
declare module 'virtual:web-strings' {
  type Loader = () => Promise<{ default: object }>;
  const bundles: Record<import('./languages.ts').Lang, Record<'core' | import('./string-areas.ts').StringArea, Loader>>;
  export default bundles;
}
