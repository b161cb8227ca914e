// Where a translation task's original is read: a case study on its own page (the item id is
// the case study's), anything in a thread on the thread's page, a reading or a week's summary
// on its week's page, a policy element on the synthesis page.
import type { TaskKind } from './translation-types.ts';
import { threadHref } from '../components/thread-list.tsx';

interface TaskItem {
  kind: TaskKind;
  itemId: number;
  threadId: number | null;
  weekNumber?: number | null;
}

export function taskItemHref(slug: string, task: TaskItem): string | null {
  const forum = `/forums/${encodeURIComponent(slug)}`;
  if (task.kind === 'case_study') return `${forum}/case-studies/${task.itemId}`;
  if (task.kind === 'policy_element') return `${forum}/synthesis`;
  if (task.threadId !== null) return threadHref(slug, task.threadId);
  return task.weekNumber != null ? `${forum}/weeks/${task.weekNumber}` : null;
}
