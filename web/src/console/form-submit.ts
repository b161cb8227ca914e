// Submitting a console form: checked in the page first, then busy while the request runs; a
// problem found in the page or a refusal shows its message in the form's live region and, when it
// names a field, marks that field and moves the focus there.
import { useState } from 'preact/hooks';
import { errorMessage } from '../api/client.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { fieldOfError } from './field-errors.ts';
import { firstInvalidField, type FieldProblem } from './form-checks.ts';

export interface SubmitChecks {
  /** The form whose fields' constraints are checked before sending. */
  form?: HTMLFormElement | null;
  /** Rules across fields the constraints cannot say (days in order). */
  check?: () => FieldProblem | null;
}

export function useFormSubmit() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errorField, setErrorField] = useState<string | null>(null);
  /** The aria-invalid value for a field: set only on the field the last refusal was about. */
  const invalid = (field: string) => (errorField === field ? 'true' : undefined);

  async function submit(send: () => Promise<void>, checks: SubmitChecks = {}) {
    setError(null);
    setErrorField(null);
    const problem = (checks.form ? firstInvalidField(checks.form, t) : null) ?? checks.check?.() ?? null;
    if (problem) {
      setError(problem.message);
      setErrorField(problem.field);
      document.getElementById(problem.field)?.focus();
      return;
    }
    setBusy(true);
    try {
      await send();
    } catch (failure) {
      setError(errorMessage(failure));
      const field = fieldOfError(failure);
      setErrorField(field);
      if (field) document.getElementById(field)?.focus();
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, invalid, submit };
}
