// The languages a post may be translated into: the forum's others than the post's own (all
// the others until the forum's list arrives), with the chosen one, and focus on the picker.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../i18n/languages.ts';
import type { Post } from '../discussion/discussion-types.ts';
import { LANGS } from '../i18n/languages.ts';
import { loadForumInfo } from '../session/forum-info.ts';

export function useTargetLanguages(post: Post, forumSlug: string, userId: number) {
  const picker = useRef<HTMLSelectElement>(null);
  const [languages, setLanguages] = useState<Lang[]>(() => LANGS.filter((lang) => lang !== post.lang));
  const [target, setTarget] = useState<Lang>(languages[0] ?? 'en');

  useEffect(() => {
    picker.current?.focus();
    let active = true;
    void loadForumInfo(userId, forumSlug).then((info) => {
      const others = info?.languages.filter((lang) => lang !== post.lang) ?? [];
      if (!active || !others.length) return;
      setLanguages(others);
      setTarget((current) => (others.includes(current) ? current : others[0]!));
    });
    return () => {
      active = false;
    };
  }, [userId, forumSlug, post.lang]);

  return { languages, target, setTarget, picker };
}
