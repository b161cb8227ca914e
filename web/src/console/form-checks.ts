// What a console form can tell before it sends anything: fields left empty, too long, out of range
// or in the wrong shape, and days out of order — each said in the interface language and naming the
// field by its label, so no request is spent on a refusal the page could have foreseen.
import type { TFunction } from 'i18next';

export interface FieldProblem {
  field: string;
  message: string;
}

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function labelOf(form: HTMLFormElement, control: Control): string {
  const label = control.id ? form.querySelector(`label[for="${CSS.escape(control.id)}"]`) : null;
  return (label?.textContent ?? control.getAttribute('aria-label') ?? '').trim();
}

function problemOf(t: TFunction, control: Control, field: string): string | null {
  const { validity } = control;
  if (validity.valid) return null;
  if (validity.valueMissing) return t('console.forms.required', { field });
  if (validity.tooLong) return t('console.forms.tooLong', { field, count: Number(control.getAttribute('maxlength')) });
  if (validity.rangeUnderflow) return t('console.forms.tooSmall', { field, min: control.getAttribute('min') });
  if (validity.rangeOverflow) return t('console.forms.tooLarge', { field, max: control.getAttribute('max') });
  return t('console.forms.invalid', { field });
}

/** The first field the browser's own constraints (required, maxlength, min, max, type) find wrong. */
export function firstInvalidField(form: HTMLFormElement, t: TFunction): FieldProblem | null {
  for (const element of Array.from(form.elements)) {
    if (!(
      element instanceof HTMLInputElement ||
      element instanceof HTMLTextAreaElement ||
      element instanceof HTMLSelectElement
    ))
      continue;
    if (element.disabled || !element.willValidate) continue;
    const message = problemOf(t, element, labelOf(form, element));
    if (message) return { field: element.id, message };
  }
  return null;
}

/**
 * The server's calendar order (schedule.rules.ts), foreseen: calendar days as the console sends
 * them (`YYYY-MM-DD`) compare as strings. The deadline is left to the server where a live edition
 * may keep one after its start.
 */
export function dayOrderProblem(
  t: TFunction,
  days: { startsOn: string; endsOn: string; applicationDeadlineOn?: string },
): FieldProblem | null {
  if (days.startsOn && days.endsOn && days.endsOn <= days.startsOn)
    return { field: 'endsOn', message: t('console.forms.endBeforeStart') };
  if (days.applicationDeadlineOn && days.startsOn && days.applicationDeadlineOn >= days.startsOn) {
    return { field: 'applicationDeadlineOn', message: t('console.forms.deadlineAfterStart') };
  }
  return null;
}
