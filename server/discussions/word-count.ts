// Words are counted the same way in every language: Unicode word segmentation, counting only
// word-like segments, so "economía social y solidaria" is 4 and "l'économie sociale" is 2 (ICU keeps the elided article with its word).
const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

export function countWords(text: string): number {
  let words = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) words++;
  return words;
}
