// Stylesheets imported by lazily loaded pages: Vite puts each in its page's chunk, so the first
// load carries only the core styles; TypeScript only needs to know such an import exists.
declare module '*.css';
